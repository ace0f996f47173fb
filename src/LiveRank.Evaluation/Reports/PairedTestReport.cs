using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Reports;

/// <summary>Paired bootstrap of <see cref="Best"/> − <see cref="Other"/> on per-user <see cref="Metric"/>.</summary>
public sealed record PairedTestReport(string Best, string Other, string Metric, PairedComparison Result);
