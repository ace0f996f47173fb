namespace LiveRank.Evaluation.Protocols;

/// <summary>Mean metrics of a system's top-10 after MMR re-ranking with diversity weight <see cref="Lambda"/>.</summary>
public sealed record DiversitySweepPoint(double Lambda, IReadOnlyDictionary<string, double> Means);
