using LiveRank.Semantics;

namespace LiveRank.Features;

/// <summary>
/// Cosine between the candidate's LM vector and the user's session profile (items of the current session, half-life 30 minutes by default).
/// Default 0: no language model, no profile yet, or a candidate without a vector (not yet encoded, unknown id).
/// </summary>
public sealed class SessionSimilarityFeature : IFeature
{
    public string Name => "session_similarity";

    public FeatureState Reads => FeatureState.Semantic | FeatureState.Catalog;

    public void Fill(RankContext context, Span<float> column)
    {
        if ((context.Profiles & ProfileParts.Session) == 0)
        {
            column.Clear();
            return;
        }
        CandidateCosine.Fill(context, context.SessionVector, column);
    }
}
