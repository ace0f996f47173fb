using LiveRank.Semantics;

namespace LiveRank.Features;

/// <summary>
/// Cosine between the candidate's LM vector and the user's encoded behaviour narrative (refreshed in the background after events).
/// Default 0: no language model, no profile yet, or a candidate without a vector (not yet encoded, unknown id).
/// </summary>
public sealed class NarrativeSimilarityFeature : IFeature
{
    public string Name => "narrative_similarity";

    public FeatureState Reads => FeatureState.Semantic | FeatureState.Catalog;

    public void Fill(RankContext context, Span<float> column)
    {
        if ((context.Profiles & ProfileParts.Narrative) == 0)
        {
            column.Clear();
            return;
        }
        CandidateCosine.Fill(context, context.NarrativeVector, column);
    }
}
