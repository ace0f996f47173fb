namespace LiveRank.Domain;

/// <summary>The answer to a <see cref="RankRequest"/>: the ordered items and which model produced them.</summary>
public sealed record RankResult(string RequestId, string Model, IReadOnlyList<RankedItem> Items);
