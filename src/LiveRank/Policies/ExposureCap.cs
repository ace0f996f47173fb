namespace LiveRank.Policies;

/// <summary>
/// At most <see cref="Max"/> items per category or brand among the first <see cref="Within"/> positions (null: the
/// whole answer, up to its limit). Items over the cap move below those positions, in their order.
/// </summary>
public sealed record ExposureCap(CapField Field, int Max, int? Within = null);
