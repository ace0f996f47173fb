using LiveRank.Scoring.Trees;

namespace LiveRank.Training.Trees;

/// <summary>What <see cref="LambdaMartTrainer.Train"/> produced.</summary>
public sealed class LambdaMartResult
{
    public required TreeEnsemble Model { get; init; }

    /// <summary>Every feature, most important first.</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }

    /// <summary>Trees kept (after early stopping).</summary>
    public required int Trees { get; init; }

    /// <summary>Wall-clock time of the whole call, conversion and validation included.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Mean NDCG@10 of <see cref="Model"/> over the validation groups with a relevant row; null without validation rows.</summary>
    public double? ValidationNdcg10 { get; init; }
}
