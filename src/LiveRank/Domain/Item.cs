namespace LiveRank.Domain;

/// <summary>A catalog item: what a ranking can return. Immutable; an upsert replaces the whole item.</summary>
public sealed record Item
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public double? Price { get; init; }
    public string? Currency { get; init; }
    public string? Brand { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = EmptyAttributes;

    /// <summary>When the item entered the catalog (first upsert time unless the caller supplies one).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    internal static readonly IReadOnlyDictionary<string, AttributeValue> EmptyAttributes =
        new Dictionary<string, AttributeValue>(0);
}
