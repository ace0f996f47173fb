namespace LiveRank.Policies;

/// <summary>Adds <see cref="Amount"/> to the score of every item matching <see cref="Condition"/> (negative lowers it).</summary>
public sealed record ScoreBoost(ItemCondition Condition, float Amount);
