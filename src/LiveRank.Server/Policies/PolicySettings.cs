namespace LiveRank.Server.Policies;

/// <summary>
/// A ranking policy as written in configuration (<c>LiveRank:Policies</c>, applied to every ranking) and in the
/// <c>policies</c> object of a rerank or recommend request (merged on top). Everything is optional;
/// <see cref="PolicySettingsReader"/> checks it and builds the library's <see cref="LiveRank.Policies.RankingPolicy"/>.
/// </summary>
public sealed class PolicySettings
{
    public const string Section = "LiveRank:Policies";

    /// <summary>Drop items the user bought.</summary>
    public bool? ExcludePurchased { get; set; }

    /// <summary>Drop items the user had any event on within this window, as <c>d.hh:mm:ss</c> (<c>"7.00:00:00"</c>).</summary>
    public string? ExcludeSeenWithin { get; set; }

    /// <summary>Conditions such as <c>attributes.stock == 0</c>: matching items are dropped.</summary>
    public List<string?>? Exclude { get; set; }

    public List<BoostSettings?>? Boost { get; set; }

    /// <summary>Conditions: matching items go below all others.</summary>
    public List<string?>? Bury { get; set; }

    /// <summary>MMR weight λ in [0, 1] on LM item vectors (0 = off).</summary>
    public double? Diversity { get; set; }

    public List<CapSettings?>? Caps { get; set; }

    public List<PinSettings?>? Pins { get; set; }
}

/// <summary><c>{ "if": "brand == Acme", "by": 0.5 }</c>: adds <c>by</c> to the score of matching items.</summary>
public sealed class BoostSettings
{
    public string? If { get; set; }
    public double? By { get; set; }
}

/// <summary><c>{ "field": "category" | "brand", "max": 2, "within": 10 }</c>.</summary>
public sealed class CapSettings
{
    public string? Field { get; set; }
    public int? Max { get; set; }
    public int? Within { get; set; }
}

/// <summary><c>{ "itemId": "sku-1", "position": 1 }</c>.</summary>
public sealed class PinSettings
{
    public string? ItemId { get; set; }
    public int? Position { get; set; }
}
