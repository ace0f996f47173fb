namespace LiveRank.Features;

/// <summary>ln(1 + all-time popularity-weighted interactions). An item without any interaction (new, or unknown) takes the median of the other candidates (see UnknownPopularity).</summary>
public sealed class PopularityFeature : IFeature
{
    public string Name => "popularity";

    public FeatureState Reads => FeatureState.ItemStatistics;

    public void Fill(RankContext context, Span<float> column)
    {
        var items = context.State.Items;
        var index = context.ItemIndex;
        for (int c = 0; c < column.Length; c++)
        {
            int i = index[c];
            column[c] = (uint)i < (uint)items.Length ? MathF.Log(1 + items[i].AllTime) : 0;
        }
        UnknownPopularity.ImputeMedian(context, column);
    }
}
