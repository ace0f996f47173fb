using LiveRank.Domain;
using LiveRank.Explanations;
using LiveRank.Intent;
using LiveRank.State;

namespace LiveRank.Scoring.Models;

/// <summary>
/// Serves a trained <see cref="RankingModel"/> over the live state: each request reads the user's live event ring
/// (so the event acknowledged a moment ago is already in the sequence the retrievers, the adapter and the combiner
/// read), maps it to the model's items, and ranks. Items added since training rank through their text; items deleted
/// since are never recommended. Thread-safe.
/// </summary>
public sealed class LearnedRanker : IRanker
{
    /// <summary>
    /// Subtracted from the score of a candidate the user bought (or a near-duplicate of it, <see cref="PurchaseDemotion"/>):
    /// far beyond the spread of the combiner's scores, so demoted candidates rank below every other.
    /// </summary>
    public const float PurchasePenalty = 1000f;

    [ThreadStatic] private static Buffers? t_buffers;

    private readonly LiveState _state;
    private readonly ModelRanker _ranker;
    private readonly LiveItemSpace _space;

    public LearnedRanker(LiveState state, RankingModel model)
    {
        _state = state;
        _ranker = new ModelRanker(model);
        _space = new LiveItemSpace(state, model);
    }

    public RankingModel Model => _ranker.Model;

    string IRanker.Model => _ranker.Model.Metadata.Label;

    public RankResult Rank(RankRequest request)
    {
        var buffers = Prepare(request.UserId);
        var candidates = request.Candidates;
        int n = candidates.Count;
        var items = buffers.Items(n);
        bool allScored = n > 0;
        for (int c = 0; c < n; c++)
        {
            items[c] = _state.ItemIds.TryGet(candidates[c].Id, out int index) ? index : -1;
            allScored &= candidates[c].Score is double s && double.IsFinite(s);
        }
        ReadOnlySpan<double> upstream = default;
        if (allScored)
        {
            var scores = buffers.Upstream(n);
            for (int c = 0; c < n; c++) scores[c] = candidates[c].Score!.Value;
            upstream = scores;
        }
        return Order(buffers, n, upstream, request.Limit ?? n, request.Explain, candidates);
    }

    public RankResult Recommend(RecommendRequest request)
    {
        var buffers = Prepare(request.UserId);
        _ranker.Retrieve(request.IncludeSeen, buffers.Union);
        int n = buffers.Union.Count;
        var items = buffers.Items(n);
        for (int c = 0; c < n; c++) items[c] = buffers.Union[c];
        return Order(buffers, n, default, request.Limit, request.Explain, candidates: null);
    }

    private Buffers Prepare(string userId)
    {
        var buffers = t_buffers ??= new Buffers();
        int capacity = _state.Options.RecentEventsPerUser;
        if (buffers.Events.Length < capacity) buffers.Events = new RecentEvent[capacity];
        int count = _state.CopyUserEvents(userId, buffers.Events, out uint baseMinute);
        buffers.EventCount = count;
        buffers.BaseMinute = baseMinute;
        var sequence = buffers.Sequence;
        sequence.Clear();
        for (int i = 0; i < count; i++)
        {
            var e = buffers.Events[i];
            // The model was trained on interactions only (EventTrainingLog): an impression or a skip in the sequence
            // would read as one more watched item to the co-visitation and sequence features.
            if (e.Type is EventTypeRegistry.Impression or EventTypeRegistry.Skip) continue;
            uint time = (uint)Math.Clamp(e.UnixSeconds(baseMinute), 0, uint.MaxValue);
            sequence.Add(e.ItemIndex, time, _state.Types.InterestWeight(e.Type, e.Value));
        }
        sequence.Now = Math.Max(_state.Clock, sequence.Count == 0 ? 0 : sequence.Times[^1]);
        _ranker.Prepare(sequence, _space);
        return buffers;
    }

    /// <param name="candidates">The request's candidates (their ids are returned), or null for retrieved catalog items.</param>
    private RankResult Order(Buffers buffers, int n, ReadOnlySpan<double> upstream, int limit, bool explain, IReadOnlyList<RankCandidate>? candidates)
    {
        var scores = buffers.Scores(n);
        _ranker.Score(buffers.ItemArray.AsSpan(0, n), upstream, scores);
        // Dislikes first: their step is a share of the combiner's score spread, which a purchase penalty would swamp.
        DislikeDemotion.Apply(_state, buffers.Events.AsSpan(0, buffers.EventCount), buffers.ItemArray.AsSpan(0, n), scores);
        var demoted = buffers.Demoted(n);
        if (PurchaseDemotion.Fill(_state, buffers.Events.AsSpan(0, buffers.EventCount), buffers.BaseMinute, _state.Clock, buffers.ItemArray.AsSpan(0, n), demoted))
        {
            for (int c = 0; c < n; c++) scores[c] -= demoted[c] * PurchasePenalty;
        }
        var order = buffers.Order(n);
        ScoreOrder.Sort(scores, buffers.Keys(n), order);
        limit = Math.Clamp(limit, 0, n);
        var features = explain ? _ranker.LastFeatures(n).ToArray() : null;
        var result = new RankedItem[limit];
        for (int rank = 0; rank < limit; rank++)
        {
            int c = order[rank];
            var item = new RankedItem(candidates is null ? _state.ItemIds.NameOf(buffers.ItemArray[c]) : candidates[c].Id, scores[c], rank + 1);
            result[rank] = features is null ? item : item with
            {
                Contributions = Explain(features, n, c),
                Explanation = Attribute(features, n, c, scores[c]),
            };
        }
        return new RankResult(Guid.CreateVersion7().ToString("N"), _ranker.Model.Metadata.Label, result);
    }

    /// <summary>The candidate's feature values that exist (<see cref="RankingFeatures.Missing"/> is left out), by feature name.</summary>
    private static Dictionary<string, float> Explain(float[] features, int n, int candidate)
    {
        var values = new Dictionary<string, float>(RankingFeatures.Count);
        for (int f = 0; f < RankingFeatures.Count; f++)
        {
            float v = features[f * n + candidate];
            if (v != RankingFeatures.Missing) values[RankingFeatures.Names[f]] = v;
        }
        return values;
    }

    /// <summary>
    /// The candidate's largest parts of its score: with a LambdaMART combiner, the trees' path attribution per feature
    /// (<see cref="Trees.TreeEnsemble.Contributions"/>); without one the adapter's score is the whole score.
    /// </summary>
    private ItemExplanation Attribute(float[] features, int n, int candidate, float score)
    {
        var row = new float[RankingFeatures.Count];
        for (int f = 0; f < row.Length; f++) row[f] = features[f * n + candidate];
        var parts = new List<FeatureContribution>(row.Length);
        if (_ranker.Model.Combiner is { } combiner && combiner.FeatureCount == row.Length)
        {
            var perFeature = new float[row.Length];
            combiner.Contributions(row, perFeature);
            for (int f = 0; f < row.Length; f++)
                parts.Add(new FeatureContribution(RankingFeatures.Names[f], row[f] == RankingFeatures.Missing ? null : row[f], perFeature[f]));
        }
        else
        {
            int adapter = RankingFeatures.RetrieverColumn(RankingFeatures.Adapter);
            parts.Add(new FeatureContribution(RankingFeatures.Names[adapter], row[adapter] == RankingFeatures.Missing ? null : row[adapter], score));
        }
        return ItemExplanation.FromContributions(parts);
    }

    private sealed class Buffers
    {
        private float[] _scores = new float[128];
        private double[] _upstream = new double[128];
        private int[] _order = new int[128];
        private ulong[] _keys = new ulong[128];

        private float[] _demoted = new float[128];

        public RecentEvent[] Events { get; set; } = [];
        public int EventCount { get; set; }
        public uint BaseMinute { get; set; }
        public UserSequence Sequence { get; } = new();
        public List<int> Union { get; } = [];
        public int[] ItemArray { get; private set; } = new int[128];

        public Span<int> Items(int n)
        {
            if (ItemArray.Length < n) ItemArray = new int[n];
            return ItemArray.AsSpan(0, n);
        }

        public Span<float> Scores(int n) => (_scores = Grow(_scores, n)).AsSpan(0, n);
        public Span<double> Upstream(int n) => (_upstream = Grow(_upstream, n)).AsSpan(0, n);
        public Span<float> Demoted(int n) => (_demoted = Grow(_demoted, n)).AsSpan(0, n);
        public Span<int> Order(int n) => (_order = Grow(_order, n)).AsSpan(0, n);
        public Span<ulong> Keys(int n) => (_keys = Grow(_keys, n)).AsSpan(0, n);

        private static T[] Grow<T>(T[] array, int n) => array.Length >= n ? array : new T[Math.Max(n, array.Length * 2)];
    }
}
