using LiveRank.Domain;
using LiveRank.Features;
using LiveRank.State;

namespace LiveRank.Scoring;

/// <summary>
/// Orders candidates for a user: one read of real-time state into a pooled <see cref="RankContext"/>,
/// every feature fills its column, the scorer scores, a stable sort orders (ties keep upstream order).
/// Thread-safe; allocates only the result.
/// </summary>
public sealed class Reranker
{
    [ThreadStatic] private static Workspace? t_workspace;

    private readonly LiveState _state;
    private readonly IScorer _scorer;

    public Reranker(LiveState state, IScorer scorer)
    {
        _state = state;
        _scorer = scorer;
    }

    public string Model => _scorer.Model;

    public RankResult Rank(RankRequest request)
    {
        var workspace = t_workspace;
        if (workspace is null || workspace.Context.State != _state || workspace.Context.FeatureCount != _scorer.Features.Count)
        {
            workspace = new Workspace(new RankContext(_state, _scorer.Features.Count));
            t_workspace = workspace;
        }
        var context = workspace.Context;
        context.Load(request);
        int n = context.Count;
        var features = _scorer.Features;
        for (int f = 0; f < features.Count; f++) features[f].Fill(context, context.Column(f));

        var scores = workspace.Scores(n);
        _scorer.Score(context, scores);
        var order = workspace.Order(n);
        order.Sort(new ByScoreDescending(workspace.ScoreArray));

        int limit = request.Limit is int l ? Math.Clamp(l, 0, n) : n;
        var items = new RankedItem[limit];
        for (int rank = 0; rank < limit; rank++)
        {
            int c = order[rank];
            items[rank] = new RankedItem(request.Candidates[c].Id, scores[c], rank + 1)
            {
                Contributions = request.Explain ? Explain(context, c) : null,
            };
        }
        return new RankResult(Guid.CreateVersion7().ToString("N"), _scorer.Model, items);
    }

    private Dictionary<string, float> Explain(RankContext context, int candidate)
    {
        var features = _scorer.Features;
        var contributions = new Dictionary<string, float>(features.Count);
        for (int f = 0; f < features.Count; f++) contributions[features[f].Name] = _scorer.Contribution(context, f, candidate);
        return contributions;
    }

    private readonly struct ByScoreDescending(float[] scores) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            int c = scores[y].CompareTo(scores[x]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }

    private sealed class Workspace(RankContext context)
    {
        private int[] _order = new int[128];

        public RankContext Context { get; } = context;

        public float[] ScoreArray { get; private set; } = new float[128];

        public Span<float> Scores(int n)
        {
            if (ScoreArray.Length < n) ScoreArray = new float[n];
            return ScoreArray.AsSpan(0, n);
        }

        public Span<int> Order(int n)
        {
            if (_order.Length < n) _order = new int[n];
            for (int i = 0; i < n; i++) _order[i] = i;
            return _order.AsSpan(0, n);
        }
    }
}
