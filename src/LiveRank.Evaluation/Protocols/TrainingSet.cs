using LiveRank.Domain;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// What a baseline is fitted on: the catalog size and each user's time-ordered training items. Row u is the split's
/// user u, so a user-factor model can score that user later. <see cref="Timestamps"/> (same shape, unix seconds) and
/// <see cref="Items"/> (catalog records) are there for systems that read time or item text; either may be null.
/// </summary>
public sealed record TrainingSet(int ItemCount, IReadOnlyList<int[]> Sequences)
{
    public IReadOnlyList<long[]>? Timestamps { get; init; }
    public IReadOnlyList<Item?>? Items { get; init; }
    public int UserCount => Sequences.Count;
}
