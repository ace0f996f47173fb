namespace LiveRank.Evaluation.Protocols;

/// <summary>One P2 list: the user, the shuffled candidates (dense item ids) and where the true item sits.</summary>
public sealed record CandidateList(int User, int[] Items, int TargetIndex)
{
    public int Target => Items[TargetIndex];
}
