namespace LiveRank.Policies;

/// <summary>The comparison of an <see cref="ItemCondition"/>.</summary>
public enum ConditionOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
