using System.Diagnostics;
using LiveRank.State;
using LiveRank.Text.Encoders;

namespace LiveRank.Semantics;

/// <summary>
/// Keeps each user's narrative vector fresh: every event marks its user; once per
/// <see cref="SemanticOptions.NarrativeDebounce"/> the marked users' narratives are rendered, and those whose text
/// changed are encoded in batches and stored in their profiles. However many events a user sends in one interval,
/// the narrative is encoded once. Never on the request path; rankings use the latest vector there is.
/// </summary>
public sealed class NarrativeRefresher
{
    private const int TimedBatchSize = 4;

    private readonly LiveState _state;
    private readonly SemanticState _semantic;
    private readonly ITextEncoder _encoder;
    private readonly Func<string, string> _narrate;
    private readonly Action<Exception>? _onError;
    private long _encoded;

    /// <param name="narrate">User id → narrative text (empty for a user with nothing to tell).</param>
    public NarrativeRefresher(LiveState state, ITextEncoder encoder, Func<string, string> narrate, Action<Exception>? onError = null)
    {
        _state = state;
        _semantic = state.Semantic ?? throw new ArgumentException("The state has no semantic part.", nameof(state));
        _encoder = encoder;
        _narrate = narrate;
        _onError = onError;
        _semantic.TracksNarratives = true;
    }

    /// <summary>Narratives encoded so far.</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    /// <summary>Users waiting for a refresh.</summary>
    public int Due => _semantic.NarrativesDue.Count;

    public async Task RunAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        // Users restored without a narrative vector (first start, or a snapshot of another model) get one too.
        foreach (string userId in _state.Users.Keys)
        {
            if (_state.NarrativeHashOf(userId) == 0) _semantic.NarrativesDue.TryAdd(userId, 0);
        }
        using var timer = new PeriodicTimer(_semantic.Options.NarrativeDebounce, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    RefreshDue(_semantic.Options.MaxNarrativesPerRefresh, _semantic.Options.NarrativeTimeBudget, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _onError?.Invoke(e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Marks a user for the next refresh (events do this on their own).</summary>
    public void MarkDue(string userId) => _semantic.NarrativesDue.TryAdd(userId, 0);

    /// <summary>Renders and encodes every marked user now; returns how many narratives were encoded.</summary>
    public int RefreshDue(CancellationToken cancellationToken = default) => RefreshDue(int.MaxValue, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>Renders and encodes at most <paramref name="limit"/> marked users; the others stay marked.</summary>
    public int RefreshDue(int limit, CancellationToken cancellationToken = default) => RefreshDue(limit, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <summary>
    /// Renders and encodes at most <paramref name="limit"/> marked users, stopping once the encoder calls have taken
    /// <paramref name="budget"/> (infinite: no time limit); the others stay marked.
    /// </summary>
    public int RefreshDue(int limit, TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var due = _semantic.NarrativesDue;
        if (due.IsEmpty) return 0;
        bool timed = budget != Timeout.InfiniteTimeSpan;
        // Under a time budget, small encoder calls: a request that arrives meanwhile waits for one short call at most.
        int batchSize = timed ? Math.Min(TimedBatchSize, _semantic.Options.BatchSize) : _semantic.Options.BatchSize;
        long started = Stopwatch.GetTimestamp();
        var users = new List<string>(batchSize);
        var texts = new List<string>(batchSize);
        var hashes = new List<ulong>(batchSize);
        int encoded = 0;
        int taken = 0;
        foreach (string userId in due.Keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (taken == limit) break;
            if (!due.TryRemove(userId, out _)) continue;
            taken++;
            string text = _narrate(userId);
            if (text.Length == 0) continue;
            ulong hash = EmbeddingCache.HashText(text);
            if (_state.NarrativeHashOf(userId) == hash) continue;
            users.Add(userId);
            texts.Add(text);
            hashes.Add(hash);
            if (users.Count == batchSize)
            {
                encoded += Flush(users, texts, hashes);
                if (timed && Stopwatch.GetElapsedTime(started) >= budget) break;
            }
        }
        return encoded + Flush(users, texts, hashes);
    }

    private int Flush(List<string> users, List<string> texts, List<ulong> hashes)
    {
        int n = users.Count;
        if (n == 0) return 0;
        int d = _semantic.Dimension;
        var vectors = new float[n * d];
        _encoder.EncodeBatch(texts, vectors);
        for (int i = 0; i < n; i++) _state.SetNarrative(users[i], vectors.AsSpan(i * d, d), hashes[i]);
        Interlocked.Add(ref _encoded, n);
        users.Clear();
        texts.Clear();
        hashes.Clear();
        return n;
    }
}
