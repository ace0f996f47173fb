namespace LiveRank.Policies;

/// <summary>
/// Business rules applied to a ranking after scoring, in this fixed order (see docs/policies.md): filters
/// (<see cref="ExcludePurchased"/>, <see cref="ExcludeSeenWithin"/>, <see cref="Exclude"/>), then <see cref="Boosts"/>
/// and <see cref="Bury"/>, then MMR <see cref="Diversity"/>, then exposure <see cref="Caps"/>, then <see cref="Pins"/>.
/// Deterministic: the same ranking, state and policy give the same answer. Immutable.
/// </summary>
public sealed record RankingPolicy
{
    public static RankingPolicy None { get; } = new();

    /// <summary>Drop items the user purchased (among the recent events held per user).</summary>
    public bool ExcludePurchased { get; init; }

    /// <summary>Drop items the user interacted with in this window before now (any event type); null = off.</summary>
    public TimeSpan? ExcludeSeenWithin { get; init; }

    /// <summary>Drop items matching any of these (out of stock: <c>attributes.stock == 0</c>).</summary>
    public IReadOnlyList<ItemCondition> Exclude { get; init; } = [];

    /// <summary>Score changes for matching items; the list is re-sorted by the changed scores.</summary>
    public IReadOnlyList<ScoreBoost> Boosts { get; init; } = [];

    /// <summary>Items matching any of these go below every other item, keeping their order.</summary>
    public IReadOnlyList<ItemCondition> Bury { get; init; } = [];

    /// <summary>MMR weight λ in [0, 1] on LM item vectors: 0 (or null) keeps the order, 1 picks by dissimilarity alone.</summary>
    public double? Diversity { get; init; }

    public IReadOnlyList<ExposureCap> Caps { get; init; } = [];

    public IReadOnlyList<PinnedItem> Pins { get; init; } = [];

    /// <summary>True when no rule would change a ranking.</summary>
    public bool IsEmpty =>
        !ExcludePurchased && ExcludeSeenWithin is null && Exclude.Count == 0 && Boosts.Count == 0 && Bury.Count == 0 &&
        Diversity is not > 0 && Caps.Count == 0 && Pins.Count == 0;

    /// <summary>
    /// The policy for one request: this (configured) policy with <paramref name="request"/>'s on top. Lists are joined
    /// (configured rules such as an out-of-stock filter always apply), settings the request gives replace configured ones,
    /// a pin of the request replaces a configured pin of the same item.
    /// </summary>
    public RankingPolicy Merge(RankingPolicy? request)
    {
        if (request is null || request.IsEmpty) return this;
        if (IsEmpty) return request;
        var pins = new List<PinnedItem>(request.Pins);
        foreach (var pin in Pins)
        {
            bool replaced = false;
            foreach (var p in request.Pins) replaced |= p.ItemId == pin.ItemId;
            if (!replaced) pins.Add(pin);
        }
        return new RankingPolicy
        {
            ExcludePurchased = ExcludePurchased || request.ExcludePurchased,
            ExcludeSeenWithin = request.ExcludeSeenWithin ?? ExcludeSeenWithin,
            Exclude = [.. Exclude, .. request.Exclude],
            Boosts = [.. Boosts, .. request.Boosts],
            Bury = [.. Bury, .. request.Bury],
            Diversity = request.Diversity ?? Diversity,
            Caps = [.. Caps, .. request.Caps],
            Pins = pins,
        };
    }
}
