namespace LiveRank.Evaluation.Protocols;

/// <summary>Anything that scores a P2 candidate list: a fitted baseline or a ranking file produced elsewhere.</summary>
public interface ICandidateScorer
{
    string Name { get; }

    /// <summary>
    /// Writes one score per candidate (dense item ids); higher ranks first; NaN counts as lowest. The history is the
    /// user's train + validation items in time order; their timestamps are the split's
    /// (<see cref="LeaveOneOutSplit.TrainAndValidationTimes"/>) for a scorer that needs them.
    /// </summary>
    void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores);
}
