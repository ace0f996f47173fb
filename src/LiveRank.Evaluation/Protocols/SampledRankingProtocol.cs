using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P2: rank each test user's true item within its sampled candidate list (input = train + validation). The
/// 1 + 99 lists report under the plain metric names, the 1 + 19 lists with the prefix <c>c20.</c>. Per-user values
/// are averaged over the seeds, each seed drawing its own lists.
/// </summary>
public sealed class SampledRankingProtocol
{
    public const string ShortPrefix = "c20.";

    private readonly Dictionary<int, (CandidateList[] Long, CandidateList[] Short)> _lists = [];

    public SampledRankingProtocol(LeaveOneOutSplit split) => Split = split;

    public LeaveOneOutSplit Split { get; }

    public (CandidateList[] Long, CandidateList[] Short) Lists(int seed)
    {
        if (!_lists.TryGetValue(seed, out var lists)) _lists[seed] = lists = SampledCandidates.Draw(Split, seed);
        return lists;
    }

    public UserMetrics Evaluate(ICandidateScorer scorer, IReadOnlyList<int> seeds)
    {
        UserMetrics? metrics = null;
        double weight = 1.0 / seeds.Count;
        foreach (int seed in seeds)
        {
            var (longLists, shortLists) = Lists(seed);
            metrics ??= new UserMetrics(longLists.Length);
            Score(scorer, longLists, seed, weight, "", metrics);
            Score(scorer, shortLists, seed, weight, ShortPrefix, metrics);
        }
        return metrics ?? new UserMetrics(0);
    }

    private void Score(ICandidateScorer scorer, CandidateList[] lists, int seed, double weight, string prefix, UserMetrics metrics)
    {
        var scores = new float[lists.Length == 0 ? 0 : lists[0].Items.Length];
        for (int row = 0; row < lists.Length; row++)
        {
            var list = lists[row];
            scorer.Score(list.User, Split.TrainAndValidation(list.User), list.Items, scores);
            int rank = TargetRank.AmongCandidates(scores, list.TargetIndex, SeededRandom.For(seed, list.User, prefix.Length == 0 ? 3 : 4));
            metrics.AddRank(row, rank, weight, prefix);
        }
    }
}
