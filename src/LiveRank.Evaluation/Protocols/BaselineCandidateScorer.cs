using LiveRank.Evaluation.Baselines;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// Scores candidate lists with a fitted baseline. Given the split, the baseline also sees the history's timestamps
/// (the history is a prefix of the user's sequence).
/// </summary>
public sealed class BaselineCandidateScorer(IRecommenderBaseline baseline, int itemCount, LeaveOneOutSplit? split = null) : ICandidateScorer
{
    private readonly float[] _all = new float[itemCount];

    public string Name => baseline.Name;

    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores)
    {
        var times = split is null ? default : split.Timestamps[user].AsSpan(0, history.Length);
        baseline.ScoreCandidates(new UserHistory(user, history, times), candidates, scores, _all);
    }
}
