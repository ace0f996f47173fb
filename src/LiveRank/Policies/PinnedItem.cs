namespace LiveRank.Policies;

/// <summary>Puts item <see cref="ItemId"/> at <see cref="Position"/> (1-based) of the answer.</summary>
public sealed record PinnedItem(string ItemId, int Position);
