using LiveRank.Evaluation.Baselines;

namespace LiveRank.Evaluation.Protocols;

/// <summary>Scores candidate lists with a fitted baseline.</summary>
public sealed class BaselineCandidateScorer(IRecommenderBaseline baseline, int itemCount) : ICandidateScorer
{
    private readonly float[] _all = new float[itemCount];

    public string Name => baseline.Name;

    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<long> timestamps, ReadOnlySpan<int> candidates, Span<float> scores) =>
        baseline.ScoreCandidates(new UserHistory(user, history, timestamps), candidates, scores, _all);
}
