using LiveRank.Evaluation.Metrics;
using LiveRank.Evaluation.Protocols;

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

    public required List<MetricSummary> Metrics { get; init; }
    public required UserMetrics PerUser { get; init; }
    public double Seconds { get; init; }

    /// <summary>P5: mean metrics of the MMR re-ranked top-10 at each diversity weight; empty otherwise.</summary>
    public IReadOnlyList<DiversitySweepPoint> Sweep { get; init; } = [];

    public MetricSummary? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
