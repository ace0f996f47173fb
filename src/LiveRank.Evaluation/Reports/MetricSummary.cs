namespace LiveRank.Evaluation.Reports;

/// <summary>Mean over users (averaged over seeds) with its bootstrap 95% interval.</summary>
public sealed record MetricSummary(string Name, double Mean, double Low, double High);
