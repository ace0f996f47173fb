using LiveRank.State;

namespace LiveRank.Features;

/// <summary>
/// How likely the candidate follows what the user just did: Σⱼ 0.8ʲ · P(candidate | itemⱼ) over the user's last
/// <see cref="MaxSources"/> distinct interacted items (j = 0 is the newest), where P is the item's share of the
/// source item's co-visitation weight within sessions. Default 0 (cold user, unknown item, no links).
/// </summary>
public sealed class CoVisitationFeature : IFeature
{
    public const int MaxSources = 10;
    private const float Decay = 0.8f;

    public string Name => "covisitation";

    public FeatureState Reads => FeatureState.UserEvents | FeatureState.CoVisitation;

    public void Fill(RankContext context, Span<float> column)
    {
        column.Clear();
        var events = context.Events;
        if (events.Length == 0) return;

        var state = context.State;
        var items = state.Items;
        var scores = context.CoVisitationScores;
        scores.Clear();
        Span<int> sources = stackalloc int[MaxSources];
        int sourceCount = 0;
        float weight = 1;
        for (int i = events.Length - 1; i >= 0 && sourceCount < MaxSources; i--)
        {
            var e = events[i];
            int item = e.ItemIndex;
            if (state.Types.PopularityWeight(e.Type) <= 0 || sources[..sourceCount].Contains(item)) continue;
            sources[sourceCount++] = item;
            if ((uint)item < (uint)items.Length && items[item].Followers is { } followers)
            {
                int n = followers.Read(out var targets, out var weights);
                float total = 0;
                for (int k = 0; k < n; k++) total += weights[k];
                if (total > 0)
                {
                    float scale = weight / total;
                    for (int k = 0; k < n; k++)
                    {
                        scores.Add(targets[k], scale * weights[k]);
                    }
                }
            }
            weight *= Decay;
        }
        if (scores.Count == 0) return;
        var index = context.ItemIndex;
        for (int c = 0; c < column.Length; c++)
        {
            if (index[c] >= 0) column[c] = scores.Get(index[c]);
        }
    }
}
