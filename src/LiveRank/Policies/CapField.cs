namespace LiveRank.Policies;

/// <summary>What an <see cref="ExposureCap"/> counts.</summary>
public enum CapField
{
    /// <summary>Each of the item's categories (an item in two categories counts for both).</summary>
    Category,

    /// <summary>The item's brand (items without one are never capped).</summary>
    Brand,
}
