using System.ComponentModel.DataAnnotations;

namespace LiveRank.Domain;

/// <summary>
/// How one event type counts. <see cref="Weight"/> is its interest signal for the user (negative = dislike);
/// <see cref="PopularityWeight"/> is what it adds to the item's popularity and co-visitation.
/// </summary>
public sealed class EventTypeDefinition
{
    [Required, RegularExpression("^[a-z][a-z0-9_-]{0,31}$")]
    public string Name { get; set; } = "";

    [Range(-100, 100)]
    public float Weight { get; set; }

    [Range(0, 100)]
    public float PopularityWeight { get; set; }

    /// <summary>When true the event's value is a rating and its interest weight follows the rating (see <see cref="EventTypeRegistry"/>).</summary>
    public bool IsRating { get; set; }

    /// <summary>True for an item purchase: the ranking demotes items the user already bought.</summary>
    public bool IsPurchase { get; set; }
}
