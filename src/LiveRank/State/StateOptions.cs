using System.ComponentModel.DataAnnotations;

namespace LiveRank.State;

/// <summary>Sizes and time constants of real-time state. Section <c>LiveRank:Store:State</c>.</summary>
public sealed class StateOptions
{
    /// <summary>Recent events kept per user (ring buffer).</summary>
    [Range(1, 10_000)]
    public int RecentEventsPerUser { get; set; } = 200;

    /// <summary>A gap longer than this starts a new session (unless the caller's session id says otherwise).</summary>
    public TimeSpan SessionInactivity { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Half-life of an item's trending popularity.</summary>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many earlier events of the same session link to a new one in co-visitation.</summary>
    [Range(1, 50)]
    public int CoVisitationWindow { get; set; } = 5;

    /// <summary>Most followers remembered per item (heavy hitters).</summary>
    [Range(1, 1000)]
    public int CoVisitationPerItem { get; set; } = 32;

    /// <summary>
    /// How many recent client event ids are remembered for idempotency (at least half this many, at most this many).
    /// About 20 bytes each: the default costs at most ~100 MB.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int DeduplicationWindow { get; set; } = 5_000_000;

    /// <summary>
    /// How long a purchase keeps the bought item (and its near-duplicates) at the bottom of the user's rankings; a
    /// purchase older than this (by the stream clock) demotes nothing. Only purchases still in the recent-event ring count.
    /// </summary>
    public TimeSpan PurchaseDemotion { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// LM cosine from which a candidate counts as a near-duplicate of a purchased item (a sequel, another edition) and
    /// is demoted with it; 1 demotes the bought item only. Needs item vectors; without the language model only the item
    /// itself. The default catches editions of one text; sequels need less: with MiniLM on the movies template a sequel
    /// scores .72–.74 against the original (Toy Story 2, Aliens, Alien³) and other films of the same genres at most about
    /// .69 (A Bug's Life against Toy Story), so .7 suits MovieLens. Short generic texts ("Umbrella. Categories: genre-8.")
    /// pass .7 with one another, hence the cautious default.
    /// </summary>
    [Range(0.0, 1.0)]
    public double NearDuplicateSimilarity { get; set; } = 0.9;
}
