namespace LiveRank.Features;

/// <summary>1 when the user bought the candidate (among the recent events held), else 0.</summary>
public sealed class PurchasedFeature : IFeature
{
    public string Name => "purchased";

    public FeatureState Reads => FeatureState.UserEvents;

    public void Fill(RankContext context, Span<float> column)
    {
        column.Clear();
        var events = context.Events;
        var types = context.State.Types;
        var index = context.ItemIndex;
        foreach (var e in events)
        {
            if (!types.IsPurchase(e.Type)) continue;
            for (int c = 0; c < column.Length; c++)
            {
                if (index[c] == e.ItemIndex) column[c] = 1;
            }
        }
    }
}
