using LiveRank.Domain;
using LiveRank.Features;
using LiveRank.Semantics;
using LiveRank.State;

namespace LiveRank.Retrieval;

/// <summary>
/// Proposes the candidates of a recommendation from live state alone, in three sources, in this order:
/// <list type="number">
/// <item>co-visitation: the followers of the user's last 10 distinct interacted items, scored as the
/// <c>covisitation</c> feature scores them (at most half of the candidates);</item>
/// <item>LM neighbours: the catalog items nearest (cosine) to the user's session profile (else the long-term one) and
/// to the vectors of the last <see cref="LiveRetrievalOptions.RecentItemQueries"/> distinct liked items, found by one
/// brute-force pass over the item vector table, an item scoring its best query (<see cref="LiveMaxDot"/>; up to three quarters of the
/// candidates together with the first source);</item>
/// <item>popular: catalog items by trending popularity, then catalog order, to fill the rest (all of it for a cold
/// user).</item>
/// </list>
/// Within a source candidates go by score, ties by item index, so the same state always gives the same list. Items
/// the user interacted with (any event type with an interest or popularity weight, among the recent events held) are
/// left out unless the caller includes them; items not in the catalog (deleted, or known only from events) never come.
/// Thread-safe; on the serving path (<see cref="Scoring.Reranker.Recommend"/>) it allocates nothing once its per-thread
/// buffers are warm, but for the popular list, rebuilt at most every <see cref="LiveRetrievalOptions.PopularRefresh"/>
/// and only when the state changed.
/// </summary>
public sealed class LiveCandidateRetriever
{
    [ThreadStatic] private static Scratch? t_scratch;

    private const int MaxCoVisitationSources = CoVisitationFeature.MaxSources;
    private const float CoVisitationDecay = 0.8f;

    private readonly LiveState _state;
    private readonly TimeProvider _clock;
    private readonly bool[] _countsAsSeen;
    private readonly int _popularSize;
    private PopularList? _popular;

    public LiveCandidateRetriever(LiveState state, LiveRetrievalOptions? options = null, TimeProvider? clock = null)
    {
        _state = state;
        Options = options ?? new LiveRetrievalOptions();
        _clock = clock ?? TimeProvider.System;
        var types = state.Types;
        _countsAsSeen = new bool[types.Count];
        for (byte t = 0; t < types.Count; t++) _countsAsSeen[t] = types.Types[t].Weight != 0 || types.PopularityWeight(t) != 0;
        // Enough for the largest request even when the user's seen items and the other sources' picks lead the list.
        _popularSize = 2 * RankRequest.MaxCandidates + state.Options.RecentEventsPerUser;
    }

    public LiveState State => _state;

    public LiveRetrievalOptions Options { get; }

    /// <summary>
    /// The candidate item ids for <paramref name="userId"/>, in proposal order. Allocates the answer: for tests,
    /// evaluation and tools; serving goes through <see cref="Scoring.Reranker.Recommend"/>.
    /// </summary>
    /// <param name="max">How many at most; <see cref="LiveRetrievalOptions.MaxCandidates"/> when null.</param>
    public IReadOnlyList<string> Retrieve(string userId, bool includeSeen = false, int? max = null)
    {
        var context = new RankContext(_state, 0);
        context.LoadUser(userId);
        var items = new int[Math.Clamp(max ?? Options.MaxCandidates, 0, RankRequest.MaxCandidates)];
        int n = Retrieve(context, includeSeen, items);
        var ids = new string[n];
        for (int i = 0; i < n; i++) ids[i] = _state.ItemIds.NameOf(items[i]);
        return ids;
    }

    /// <summary>
    /// Writes up to <c>destination.Length</c> candidate item indices for the user loaded in <paramref name="context"/>
    /// (<see cref="RankContext.LoadUser"/>: its events and profile vectors); returns how many.
    /// </summary>
    internal int Retrieve(RankContext context, bool includeSeen, Span<int> destination)
    {
        int max = destination.Length;
        if (max == 0) return 0;
        var scratch = t_scratch ??= new Scratch();
        var items = _state.Items;
        int itemCount = Math.Min(_state.ItemCount, items.Length);
        var excluded = scratch.BeginExclusion(itemCount);
        int generation = scratch.Generation;
        var events = context.Events;
        if (!includeSeen)
        {
            foreach (var e in events)
            {
                if (_countsAsSeen[e.Type] && e.ItemIndex < excluded.Length) excluded[e.ItemIndex] = generation;
            }
        }

        int count = CoVisitation(events, items, itemCount, excluded, generation, scratch, destination[..((max + 1) / 2)]);
        Exclude(destination[..count], excluded, generation);

        int lmBudget = max - count - max / 4;
        if (lmBudget > 0 && _state.Semantic is { } semantic)
        {
            int found = Neighbours(context, semantic, items, itemCount, excluded, generation, scratch, destination.Slice(count, lmBudget));
            Exclude(destination.Slice(count, found), excluded, generation);
            count += found;
        }

        var popular = PopularItems(scratch);
        for (int i = 0; i < popular.Length && count < max; i++)
        {
            int item = popular[i];
            if ((uint)item >= (uint)itemCount || excluded[item] == generation || items[item].Item is null) continue;
            excluded[item] = generation;
            destination[count++] = item;
        }
        return count;
    }

    private static void Exclude(ReadOnlySpan<int> taken, int[] excluded, int generation)
    {
        foreach (int item in taken) excluded[item] = generation;
    }

    /// <summary>Followers of the last distinct interacted items, Σⱼ 0.8ʲ · share of item j's co-visitation weight.</summary>
    private int CoVisitation(ReadOnlySpan<RecentEvent> events, ItemSlot[] items, int itemCount, int[] excluded, int generation,
        Scratch scratch, Span<int> destination)
    {
        if (events.IsEmpty || destination.IsEmpty) return 0;
        var scores = scratch.CoVisitation;
        scores.Clear();
        Span<int> sources = stackalloc int[MaxCoVisitationSources];
        int sourceCount = 0;
        float weight = 1;
        var types = _state.Types;
        for (int i = events.Length - 1; i >= 0 && sourceCount < MaxCoVisitationSources; i--)
        {
            var e = events[i];
            int item = e.ItemIndex;
            if (types.PopularityWeight(e.Type) <= 0 || sources[..sourceCount].Contains(item)) continue;
            sources[sourceCount++] = item;
            if ((uint)item < (uint)items.Length && items[item].Followers is { } followers)
            {
                int n = followers.Read(out var targets, out var weights);
                float total = 0;
                for (int k = 0; k < n; k++) total += weights[k];
                if (total > 0)
                {
                    float scale = weight / total;
                    for (int k = 0; k < n; k++) scores.Add(targets[k], scale * weights[k]);
                }
            }
            weight *= CoVisitationDecay;
        }

        var top = scratch.Top;
        top.Reset(destination.Length);
        for (int i = 0; i < scores.Count; i++)
        {
            int item = scores.KeyAt(i);
            if ((uint)item >= (uint)itemCount || excluded[item] == generation || items[item].Item is null) continue;
            top.Offer(scores.ValueAt(i), item);
        }
        scores.Clear();
        return top.Drain(destination);
    }

    /// <summary>One pass over the item vectors: each item scores its highest cosine with any of the queries.</summary>
    private int Neighbours(RankContext context, SemanticState semantic, ItemSlot[] items, int itemCount, int[] excluded, int generation,
        Scratch scratch, Span<int> destination)
    {
        int d = semantic.Dimension;
        int recentQueries = Options.RecentItemQueries;
        var queries = scratch.Queries((recentQueries + 1) * d);
        int q = 0;
        if ((context.Profiles & ProfileParts.Session) != 0) context.SessionVector.AsSpan(0, d).CopyTo(queries.AsSpan(q++ * d, d));
        else if ((context.Profiles & ProfileParts.LongTerm) != 0) context.LongTermVector.AsSpan(0, d).CopyTo(queries.AsSpan(q++ * d, d));

        var table = semantic.Items;
        var types = _state.Types;
        var events = context.Events;
        Span<int> taken = stackalloc int[recentQueries];
        int recent = 0;
        for (int i = events.Length - 1; i >= 0 && recent < taken.Length; i--)
        {
            var e = events[i];
            if (types.InterestWeight(e.Type, e.Value) <= 0 || taken[..recent].Contains(e.ItemIndex)) continue;
            if (!table.TryCopy(e.ItemIndex, queries.AsSpan(q * d, d))) continue;
            taken[recent++] = e.ItemIndex;
            q++;
        }
        if (q == 0) return 0;

        var top = scratch.Top;
        top.Reset(destination.Length);
        bool float32 = table.Precision == VectorPrecision.Float32;
        var decoded = float32 ? default : scratch.Row(d);
        for (int item = 0; item < itemCount; item++)
        {
            if (excluded[item] == generation || items[item].Item is null) continue;
            ReadOnlySpan<float> row;
            if (float32)
            {
                row = table.Float32Row(item);
                if (row.IsEmpty) continue;
            }
            else
            {
                if (!table.TryCopy(item, decoded)) continue;
                row = decoded;
            }
            top.Offer(LiveMaxDot.Compute(row, queries.AsSpan(0, q * d), q), item);
        }
        return top.Drain(destination);
    }

    /// <summary>Catalog items by trending popularity (then index), rebuilt when the state changed and the list is old enough.</summary>
    private ReadOnlySpan<int> PopularItems(Scratch scratch)
    {
        var list = Volatile.Read(ref _popular);
        long version = _state.Version;
        long now = _clock.GetTimestamp();
        if (list is not null && (list.Version == version || _clock.GetElapsedTime(list.BuiltAt, now) < Options.PopularRefresh)) return list.Items;

        var items = _state.Items;
        int itemCount = Math.Min(_state.ItemCount, items.Length);
        uint clock = _state.Clock;
        var top = scratch.Top;
        top.Reset(Math.Min(_popularSize, itemCount));
        for (int item = 0; item < itemCount; item++)
        {
            if (items[item].Item is null) continue;
            top.Offer(_state.TrendAt(item, clock), item);
        }
        var ranked = new int[top.Count];
        top.Drain(ranked);
        list = new PopularList(ranked, version, now);
        Volatile.Write(ref _popular, list);
        return list.Items;
    }

    /// <summary>A popular list as of state <see cref="Version"/>, built at timestamp <see cref="BuiltAt"/>.</summary>
    private sealed record PopularList(int[] Items, long Version, long BuiltAt);

    /// <summary>Per-thread buffers: the exclusion marks (one int per item index), the heap, the co-visitation sums, the queries.</summary>
    private sealed class Scratch
    {
        private int[] _excluded = new int[1024];
        private float[] _queries = [];
        private float[] _row = [];

        /// <summary>The value that marks an item excluded in the current call: bumping it clears every mark at once.</summary>
        public int Generation { get; private set; }

        public TopItems Top { get; } = new();

        public ScoreAccumulator CoVisitation { get; } = new();

        public int[] BeginExclusion(int itemCount)
        {
            if (_excluded.Length < itemCount)
            {
                _excluded = new int[Math.Max(itemCount, _excluded.Length * 2)];
                Generation = 0;
            }
            if (Generation == int.MaxValue)
            {
                Array.Clear(_excluded);
                Generation = 0;
            }
            Generation++;
            return _excluded;
        }

        public float[] Queries(int floats)
        {
            if (_queries.Length < floats) _queries = new float[floats];
            return _queries;
        }

        public Span<float> Row(int floats)
        {
            if (_row.Length < floats) _row = new float[floats];
            return _row.AsSpan(0, floats);
        }
    }
}
