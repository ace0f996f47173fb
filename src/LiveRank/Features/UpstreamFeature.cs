namespace LiveRank.Features;

/// <summary>
/// The upstream system's opinion: 1 − position/n, where position is the candidate's rank by its upstream score
/// when every candidate has one, else its position in the request.
/// </summary>
public sealed class UpstreamFeature : IFeature
{
    public string Name => "upstream";

    public FeatureState Reads => FeatureState.Request;

    public void Fill(RankContext context, Span<float> column) =>
        context.UpstreamPrior.AsSpan(0, column.Length).CopyTo(column);
}
