namespace LiveRank.Features;

/// <summary>
/// How much the user likes the candidate's categories, in [-1, 1]. Each recent event adds its interest weight
/// (negative for skips and low ratings), discounted by 0.99 per newer event, to each category of its item;
/// preferences are normalised by the total absolute weight; the feature is the mean preference over the
/// candidate's categories. Default 0 (cold user, uncategorised or unknown item).
/// </summary>
public sealed class CategoryAffinityFeature : IFeature
{
    private const float Recency = 0.99f;

    public string Name => "category_affinity";

    public FeatureState Reads => FeatureState.UserEvents | FeatureState.Catalog;

    public void Fill(RankContext context, Span<float> column)
    {
        column.Clear();
        var events = context.Events;
        if (events.Length == 0) return;

        var state = context.State;
        var items = state.Items;
        var preference = context.CategoryScratch(state.CategoryIds.Count);
        float total = 0, recency = 1;
        for (int i = events.Length - 1; i >= 0; i--, recency *= Recency)
        {
            var e = events[i];
            if ((uint)e.ItemIndex >= (uint)items.Length || items[e.ItemIndex].Categories is not { Length: > 0 } categories) continue;
            float w = state.Types.InterestWeight(e.Type, e.Value) * recency;
            if (w == 0) continue;
            total += MathF.Abs(w);
            foreach (int g in categories)
            {
                if ((uint)g >= (uint)preference.Length) continue;
                if (preference[g] == 0) context.TouchCategory(g);
                preference[g] += w;
            }
        }
        if (total == 0) return;

        var index = context.ItemIndex;
        for (int c = 0; c < column.Length; c++)
        {
            if ((uint)index[c] >= (uint)items.Length || items[index[c]].Categories is not { Length: > 0 } categories) continue;
            float sum = 0;
            foreach (int g in categories)
            {
                if ((uint)g < (uint)preference.Length) sum += preference[g];
            }
            column[c] = sum / (categories.Length * total);
        }
    }
}
