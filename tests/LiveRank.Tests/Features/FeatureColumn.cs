using LiveRank.Domain;
using LiveRank.Features;
using LiveRank.State;

namespace LiveRank.Tests.Features;

/// <summary>Runs one feature the way the reranker does: load a <see cref="RankContext"/>, fill column 0.</summary>
internal static class FeatureColumn
{
    public static float[] Fill(IFeature feature, LiveState state, string userId, params string[] candidates) =>
        Fill(feature, state, new RankRequest { UserId = userId, Candidates = [.. candidates.Select(c => new RankCandidate(c))] });

    public static float[] Fill(IFeature feature, LiveState state, RankRequest request)
    {
        var context = new RankContext(state, 1);
        context.Load(request);
        // Poison the column so that a feature which forgets to write a row is caught.
        context.Column(0).Fill(float.NaN);
        feature.Fill(context, context.Column(0));
        return context.Column(0).ToArray();
    }
}
