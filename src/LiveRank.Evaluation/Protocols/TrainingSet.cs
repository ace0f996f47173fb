namespace LiveRank.Evaluation.Protocols;

/// <summary>What a baseline is fitted on: the catalog size and each user's time-ordered training items.</summary>
public sealed record TrainingSet(int ItemCount, IReadOnlyList<int[]> Sequences);
