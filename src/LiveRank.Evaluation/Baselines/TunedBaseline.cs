namespace LiveRank.Evaluation.Baselines;

/// <summary>The chosen configuration (fitted on train + validation), the grid size and its validation NDCG@10.</summary>
public sealed record TunedBaseline(IRecommenderBaseline Baseline, int GridSize, double ValidationNdcg10);
