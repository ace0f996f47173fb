namespace LiveRank.Features;

/// <summary>
/// ln(1 + trending popularity): popularity-weighted interactions decayed with the configured half-life,
/// measured at the stream clock. An item without any interaction (new, or unknown) takes the median of the other candidates (see UnknownPopularity).
/// </summary>
public sealed class TrendingFeature : IFeature
{
    public string Name => "trending";

    public FeatureState Reads => FeatureState.ItemStatistics;

    public void Fill(RankContext context, Span<float> column)
    {
        var index = context.ItemIndex;
        for (int c = 0; c < column.Length; c++)
        {
            column[c] = index[c] < 0 ? 0 : MathF.Log(1 + context.State.TrendAt(index[c], context.Now));
        }
        UnknownPopularity.ImputeMedian(context, column);
    }
}
