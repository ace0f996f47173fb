using System.ComponentModel.DataAnnotations;

namespace LiveRank.Semantics;

/// <summary>
/// Language-model state: item vectors, per-user profile vectors and narrative refresh. Section <c>LiveRank:Semantic</c>.
/// </summary>
public sealed class SemanticOptions
{
    /// <summary>When false, no encoder is loaded and the semantic features read 0 for everything.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>In-memory precision of item vectors (see <see cref="VectorPrecision"/>).</summary>
    public VectorPrecision Precision { get; set; } = VectorPrecision.Float32;

    /// <summary>Half-life of the session profile: what the user is doing right now.</summary>
    public TimeSpan SessionHalfLife { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Half-life of the long-term profile: the user's lasting taste.</summary>
    public TimeSpan LongTermHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How many of the user's latest liked items the max-similarity feature compares a candidate with.</summary>
    [Range(1, 50)]
    public int RecentItems { get; set; } = 5;

    /// <summary>
    /// Items waiting to be encoded. When the queue is full an upsert still succeeds at once; the item is encoded by
    /// the sweep that runs when the queue drains, and ranks without semantic features until then.
    /// </summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Texts per encoder call in the background indexer.</summary>
    [Range(1, 1024)]
    public int BatchSize { get; set; } = 32;

    /// <summary>A user's narrative is re-encoded at most once per this interval, however many events arrive.</summary>
    public TimeSpan NarrativeDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most narratives encoded per refresh; the rest wait for the next one. Bounds the encoder's share of the CPU when
    /// many users are active at once (a narrative costs a few milliseconds), so requests keep their cores.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxNarrativesPerRefresh { get; set; } = 64;

    /// <summary>
    /// Most encoder time one refresh may spend; the users left wait, still marked, for the next one. Narratives are
    /// encoded a few at a time and the budget is checked after each call, so ranking requests never wait behind a long
    /// batch. Measured under 2,000 events/s + 1,000 reranks/s on 2 cores: unbounded 64-narrative refreshes held the
    /// rerank p99 at 450 ms; see docs/realtime.md.
    /// </summary>
    public TimeSpan NarrativeTimeBudget { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Where the persistent vector cache lives; empty = <c>vectors/</c> inside the embedded store's directory.</summary>
    public string? CacheDirectory { get; set; }
}
