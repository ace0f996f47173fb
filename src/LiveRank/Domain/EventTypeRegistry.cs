using System.Collections.Frozen;

namespace LiveRank.Domain;

/// <summary>
/// The event types LiveRank accepts: the built-in eight plus custom names from configuration, each with a
/// small numeric id used in compact state. Built-in ids are fixed; custom ids follow in configuration order.
/// Persisted logs store type <em>names</em>, so reordering custom types never corrupts a store.
/// </summary>
public sealed class EventTypeRegistry
{
    /// <summary>At most this many types: the compact event record keeps the type in 5 bits.</summary>
    public const int MaxTypes = 32;

    public const byte View = 0, Click = 1, Cart = 2, Purchase = 3, Rating = 4, Like = 5, Skip = 6, Impression = 7;

    private readonly EventTypeDefinition[] _types;
    private readonly FrozenDictionary<string, byte> _byName;
    private readonly float[] _weights;
    private readonly float[] _popularityWeights;

    public EventTypeRegistry(IEnumerable<EventTypeDefinition>? custom = null, RatingScale? ratingScale = null)
    {
        var types = new List<EventTypeDefinition>(BuiltIn());
        foreach (var c in custom ?? [])
        {
            int existing = types.FindIndex(t => t.Name == c.Name);
            if (existing >= 0) types[existing] = c; // configuration may re-weight a built-in type
            else types.Add(c);
        }
        if (types.Count > MaxTypes)
            throw new ArgumentException($"At most {MaxTypes} event types are supported; {types.Count} configured.", nameof(custom));
        _types = [.. types];
        _byName = types.Select((t, i) => KeyValuePair.Create(t.Name, (byte)i)).ToFrozenDictionary(StringComparer.Ordinal);
        _weights = [.. types.Select(t => t.Weight)];
        _popularityWeights = [.. types.Select(t => t.PopularityWeight)];
        Ratings = ratingScale ?? new RatingScale();
    }

    public static EventTypeRegistry Default { get; } = new();

    public int Count => _types.Length;

    public RatingScale Ratings { get; }

    public IReadOnlyList<EventTypeDefinition> Types => _types;

    public string NameOf(byte id) => _types[id].Name;

    public bool TryGetId(string name, out byte id) => _byName.TryGetValue(name, out id);

    public bool IsPurchase(byte id) => _types[id].IsPurchase;

    public float PopularityWeight(byte id) => _popularityWeights[id];

    /// <summary>Interest weight of one event: the type's weight, or for ratings a weight that follows the value.</summary>
    public float InterestWeight(byte id, float value)
    {
        if (!_types[id].IsRating || float.IsNaN(value)) return _weights[id];
        return _weights[id] * Ratings.Centred(value);
    }

    private static IEnumerable<EventTypeDefinition> BuiltIn() =>
    [
        new() { Name = "view", Weight = 1, PopularityWeight = 1 },
        new() { Name = "click", Weight = 2, PopularityWeight = 1 },
        new() { Name = "cart", Weight = 4, PopularityWeight = 2 },
        new() { Name = "purchase", Weight = 6, PopularityWeight = 3, IsPurchase = true },
        new() { Name = "rating", Weight = 3, PopularityWeight = 1, IsRating = true },
        new() { Name = "like", Weight = 4, PopularityWeight = 1 },
        new() { Name = "skip", Weight = -2, PopularityWeight = 0 },
        new() { Name = "impression", Weight = 0, PopularityWeight = 0 },
    ];
}
