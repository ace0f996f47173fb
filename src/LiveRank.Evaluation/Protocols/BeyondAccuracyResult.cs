using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// One system on P5: per-user metrics (P1's accuracy plus ILD, α-NDCG and novelty of the top-10), catalog coverage
/// (mean over seeds; the first seed's lists kept for its bootstrap interval) and the MMR diversity sweep.
/// </summary>
public sealed record BeyondAccuracyResult(UserMetrics PerUser, double Coverage, int[][] FirstSeedLists, IReadOnlyList<DiversitySweepPoint> Sweep);
