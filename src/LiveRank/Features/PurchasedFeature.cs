using LiveRank.Intent;

namespace LiveRank.Features;

/// <summary>
/// 1 when the user bought the candidate or a near-duplicate of it within <c>LiveRank:Store:State:PurchaseDemotion</c>
/// (among the recent events held; see <see cref="PurchaseDemotion"/>), else 0.
/// </summary>
public sealed class PurchasedFeature : IFeature
{
    public string Name => "purchased";

    public FeatureState Reads => FeatureState.UserEvents | FeatureState.Semantic;

    public void Fill(RankContext context, Span<float> column) =>
        PurchaseDemotion.Fill(context.State, context.Events, context.BaseMinute, context.Now, context.ItemIndex.AsSpan(0, context.Count), column);
}
