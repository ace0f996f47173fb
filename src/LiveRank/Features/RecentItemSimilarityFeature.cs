namespace LiveRank.Features;

/// <summary>
/// Highest cosine between the candidate's LM vector and the vectors of the user's last k distinct liked items
/// (positive interest weight; k = <c>LiveRank:Semantic:RecentItems</c>, 5 by default): "like something I just
/// engaged with", sharper than a profile average when the user's intent is narrow. Default 0 as for the profiles.
/// </summary>
public sealed class RecentItemSimilarityFeature : IFeature
{
    public string Name => "recent_item_similarity";

    public FeatureState Reads => FeatureState.Semantic | FeatureState.UserEvents | FeatureState.Catalog;

    public void Fill(RankContext context, Span<float> column)
    {
        column.Clear();
        var semantic = context.State.Semantic;
        var events = context.Events;
        if (semantic is null || events.Length == 0) return;

        int d = semantic.Dimension;
        int k = semantic.Options.RecentItems;
        var table = semantic.Items;
        var types = context.State.Types;
        var vectors = context.VectorScratch(k * d);
        Span<int> taken = stackalloc int[k];
        int count = 0;
        for (int i = events.Length - 1; i >= 0 && count < k; i--)
        {
            var e = events[i];
            if (types.InterestWeight(e.Type, e.Value) <= 0 || taken[..count].Contains(e.ItemIndex)) continue;
            if (!table.TryCopy(e.ItemIndex, vectors.AsSpan(count * d, d))) continue;
            taken[count++] = e.ItemIndex;
        }
        if (count == 0) return;

        for (int c = 0; c < column.Length; c++)
        {
            var candidate = context.CandidateVector(c);
            if (candidate.IsEmpty) continue;
            float best = float.NegativeInfinity;
            for (int j = 0; j < count; j++) best = Math.Max(best, System.Numerics.Tensors.TensorPrimitives.Dot(candidate, vectors.AsSpan(j * d, d)));
            column[c] = best;
        }
    }
}
