namespace LiveRank.Domain;

/// <summary>
/// Maps a rating to an interest multiplier in [-1, 1]: <see cref="Neutral"/> maps to 0, <see cref="Max"/> to 1,
/// <see cref="Min"/> to -1. Defaults fit 0.5–5 star scales (MovieLens): 5 → 1, 4 → 0.5, 3 → 0, 1 → -1.
/// </summary>
public sealed class RatingScale
{
    public float Min { get; set; } = 1;
    public float Neutral { get; set; } = 3;
    public float Max { get; set; } = 5;

    public float Centred(float value)
    {
        float c = value >= Neutral
            ? (value - Neutral) / Math.Max(1e-6f, Max - Neutral)
            : -(Neutral - value) / Math.Max(1e-6f, Neutral - Min);
        return Math.Clamp(c, -1f, 1f);
    }
}
