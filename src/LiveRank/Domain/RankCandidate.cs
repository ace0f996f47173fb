namespace LiveRank.Domain;

/// <summary>One candidate handed in by the upstream system, with its optional upstream score.</summary>
public readonly record struct RankCandidate(string Id, double? Score = null);
