using LiveRank.Semantics;

namespace LiveRank.Features;

/// <summary>
/// Cosine between the candidate's LM vector and the user's long-term profile (every interaction, half-life 30 days by default).
/// Default 0: no language model, no profile yet, or a candidate without a vector (not yet encoded, unknown id).
/// </summary>
public sealed class ProfileSimilarityFeature : IFeature
{
    public string Name => "profile_similarity";

    public FeatureState Reads => FeatureState.Semantic | FeatureState.Catalog;

    public void Fill(RankContext context, Span<float> column)
    {
        if ((context.Profiles & ProfileParts.LongTerm) == 0)
        {
            column.Clear();
            return;
        }
        CandidateCosine.Fill(context, context.LongTermVector, column);
    }
}
