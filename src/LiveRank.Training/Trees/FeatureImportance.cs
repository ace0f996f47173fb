namespace LiveRank.Training.Trees;

/// <summary>One feature's share of the split gain summed over all splits of a model (shares add up to 1).</summary>
public sealed record FeatureImportance(string Name, int Feature, double GainShare);
