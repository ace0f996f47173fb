namespace LiveRank.Explanations;

/// <summary>One feature's part in an item's score.</summary>
/// <param name="Name">The feature (as in docs/scoring.md or docs/models.md).</param>
/// <param name="Value">The feature's value for the item; null when the model saw it as missing.</param>
/// <param name="Contribution">
/// What the feature added to the score: weight × value for the heuristic, the path attribution of the trees for the
/// trained model (the parts plus the model's expected value sum to the score).
/// </param>
public sealed record FeatureContribution(string Name, float? Value, float Contribution);
