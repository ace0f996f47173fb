namespace LiveRank.Features;

/// <summary>
/// One real-time feature: fills one value per candidate into its column of the feature matrix.
/// Missing data (unknown item, cold user) gives the feature's documented default, never an exception.
/// Implementations run on the request path: no allocation, no LINQ, no locks beyond the state's own.
/// </summary>
public interface IFeature
{
    /// <summary>Stable name, used in explanations and model artefacts.</summary>
    string Name { get; }

    FeatureState Reads { get; }

    void Fill(RankContext context, Span<float> column);
}
