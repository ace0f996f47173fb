namespace LiveRank.Features;

/// <summary>ln(1 + all-time popularity-weighted interactions). Default 0 for an unknown item.</summary>
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
    }
}
