using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Reports;

/// <summary>One system's result on one protocol: chosen hyperparameters, tuning, summaries and per-user values.</summary>
public sealed record SystemReport
{
    public required string Name { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters { get; init; } = [];

    /// <summary>Configurations tried on validation (0 for a system scored from a file).</summary>
    public int GridSize { get; init; }

    /// <summary>Validation NDCG@10 (P1 full ranking) of the chosen configuration; null when not tuned.</summary>
    public double? ValidationNdcg10 { get; init; }

    public required IReadOnlyList<MetricSummary> Metrics { get; init; }
    public required UserMetrics PerUser { get; init; }
    public double Seconds { get; init; }

    public MetricSummary? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
