namespace LiveRank.Evaluation.Metrics;

/// <summary>Result of a paired bootstrap: mean of a − b, its 95% interval and the two-sided p-value.</summary>
public sealed record PairedComparison(double MeanDifference, double Low, double High, double PValue);
