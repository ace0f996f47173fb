namespace LiveRank.State;

/// <summary>Everything real-time state knows about one item index. Fields are written by the single writer only.</summary>
internal struct ItemSlot
{
    /// <summary>Catalog data; null for an item known only from events, or deleted.</summary>
    public Domain.Item? Item;

    /// <summary>Interned category ids of <see cref="Item"/>.</summary>
    public int[]? Categories;

    /// <summary>Decayed popularity as of <see cref="TrendTime"/>.</summary>
    public float Trend;
    public uint TrendTime;

    /// <summary>Popularity-weighted interactions, all time.</summary>
    public float AllTime;

    public CoVisitationList? Followers;
}
