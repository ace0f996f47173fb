using LiveRank.Domain;
using LiveRank.Explanations;
using LiveRank.Features;
using LiveRank.Retrieval;
using LiveRank.State;

namespace LiveRank.Scoring;

/// <summary>
/// The feature ranker (with <see cref="HeuristicScorer"/>, what serves before any model): orders candidates for a user
/// with one read of real-time state into a pooled <see cref="RankContext"/>, every feature filling its column, the
/// scorer scoring, a stable sort ordering (ties keep upstream order). <see cref="Recommend"/> takes its candidates from a <see cref="LiveCandidateRetriever"/> and orders
/// them on the same path, the retrieval order standing in for the upstream order. Thread-safe; allocates only the result.
/// </summary>
public sealed class Reranker : IRanker
{
    [ThreadStatic] private static Workspace? t_workspace;

    private readonly LiveState _state;
    private readonly IScorer _scorer;

    public Reranker(LiveState state, IScorer scorer)
        : this(state, scorer, new LiveCandidateRetriever(state))
    {
    }

    public Reranker(LiveState state, IScorer scorer, LiveCandidateRetriever retriever)
    {
        if (retriever.State != state) throw new ArgumentException("The retriever reads another state than the reranker.", nameof(retriever));
        _state = state;
        _scorer = scorer;
        Retriever = retriever;
    }

    public string Model => _scorer.Model;

    /// <summary>Where <see cref="Recommend"/> gets its candidates.</summary>
    public LiveCandidateRetriever Retriever { get; }

    public RankResult Rank(RankRequest request)
    {
        var workspace = CurrentWorkspace();
        var context = workspace.Context;
        context.Load(request);
        var scores = Score(workspace);
        var order = workspace.Order(scores);

        int n = context.Count;
        int limit = request.Limit is int l ? Math.Clamp(l, 0, n) : n;
        var items = new RankedItem[limit];
        for (int rank = 0; rank < limit; rank++)
        {
            int c = order[rank];
            items[rank] = request.Explain ? Explained(new RankedItem(request.Candidates[c].Id, scores[c], rank + 1), context, c)
                : new RankedItem(request.Candidates[c].Id, scores[c], rank + 1);
        }
        return new RankResult(Guid.CreateVersion7().ToString("N"), _scorer.Model, items);
    }

    /// <summary>
    /// Recommends from the whole catalog: the retriever proposes max(<see cref="LiveRetrievalOptions.MaxCandidates"/>,
    /// limit) candidates (at most <see cref="RankRequest.MaxCandidates"/>), which are ranked as <see cref="Rank"/> ranks
    /// a list handed in without scores. Fewer items than asked when the catalog holds fewer eligible ones.
    /// </summary>
    public RankResult Recommend(RecommendRequest request)
    {
        var workspace = CurrentWorkspace();
        var context = workspace.Context;
        context.LoadUser(request.UserId, request.SessionId);
        int wanted = Math.Clamp(request.Limit, 0, RecommendRequest.MaxLimit);
        var candidates = workspace.Candidates(Math.Min(Math.Max(Retriever.Options.MaxCandidates, wanted), RankRequest.MaxCandidates));
        int n = Retriever.Retrieve(context, request.IncludeSeen, candidates);
        context.SetCandidates(candidates[..n]);
        var scores = Score(workspace);
        var order = workspace.Order(scores);

        int limit = Math.Min(wanted, n);
        var items = new RankedItem[limit];
        for (int rank = 0; rank < limit; rank++)
        {
            int c = order[rank];
            var item = new RankedItem(_state.ItemIds.NameOf(context.ItemIndex[c]), scores[c], rank + 1);
            items[rank] = request.Explain ? Explained(item, context, c) : item;
        }
        return new RankResult(Guid.CreateVersion7().ToString("N"), _scorer.Model, items);
    }

    private Workspace CurrentWorkspace()
    {
        var workspace = t_workspace;
        if (workspace is null || workspace.Context.State != _state || workspace.Context.FeatureCount != _scorer.Features.Count)
        {
            workspace = new Workspace(new RankContext(_state, _scorer.Features.Count));
            t_workspace = workspace;
        }
        return workspace;
    }

    /// <summary>Fills every feature column of the loaded context and scores it.</summary>
    private Span<float> Score(Workspace workspace)
    {
        var context = workspace.Context;
        var features = _scorer.Features;
        for (int f = 0; f < features.Count; f++) features[f].Fill(context, context.Column(f));
        var scores = workspace.Scores(context.Count);
        _scorer.Score(context, scores);
        return scores;
    }

    /// <summary>Every feature's contribution by name, and the largest ones with the feature values behind them.</summary>
    private RankedItem Explained(RankedItem item, RankContext context, int candidate)
    {
        var features = _scorer.Features;
        var contributions = new Dictionary<string, float>(features.Count);
        var parts = new List<FeatureContribution>(features.Count);
        for (int f = 0; f < features.Count; f++)
        {
            float contribution = _scorer.Contribution(context, f, candidate);
            contributions[features[f].Name] = contribution;
            parts.Add(new FeatureContribution(features[f].Name, context.Column(f)[candidate], contribution));
        }
        return item with { Contributions = contributions, Explanation = ItemExplanation.FromContributions(parts) };
    }

    private sealed class Workspace(RankContext context)
    {
        private int[] _order = new int[128];
        private ulong[] _keys = new ulong[128];

        private int[] _candidates = new int[128];

        public RankContext Context { get; } = context;

        public Span<int> Candidates(int n)
        {
            if (_candidates.Length < n) _candidates = new int[n];
            return _candidates.AsSpan(0, n);
        }

        public float[] ScoreArray { get; private set; } = new float[128];

        public Span<float> Scores(int n)
        {
            if (ScoreArray.Length < n) ScoreArray = new float[n];
            return ScoreArray.AsSpan(0, n);
        }

        /// <summary>
        /// Candidate indices by descending score, ties in input order. Sorts one 64-bit key per candidate (the score's
        /// bits mapped to an order-reversing unsigned integer, then the index), a primitive sort several times faster
        /// than sorting indices through a comparer.
        /// </summary>
        public ReadOnlySpan<int> Order(ReadOnlySpan<float> scores)
        {
            int n = scores.Length;
            if (_keys.Length < n)
            {
                _keys = new ulong[n];
                _order = new int[n];
            }
            var keys = _keys.AsSpan(0, n);
            for (int i = 0; i < n; i++) keys[i] = (ulong)DescendingKey(scores[i]) << 32 | (uint)i;
            keys.Sort();
            for (int i = 0; i < n; i++) _order[i] = (int)(uint)keys[i];
            return _order.AsSpan(0, n);
        }

        /// <summary>Maps a float to a uint that sorts ascending when the float sorts descending (NaN last).</summary>
        private static uint DescendingKey(float score)
        {
            if (float.IsNaN(score)) return uint.MaxValue;
            uint bits = BitConverter.SingleToUInt32Bits(score == 0 ? 0f : score); // -0 ranks with +0
            uint ascending = (bits & 0x8000_0000) != 0 ? ~bits : bits | 0x8000_0000;
            return ~ascending;
        }
    }
}
