using LiveRank.Explanations;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Policies;

/// <summary>Maps a ranked item's <see cref="ItemExplanation"/> to its wire shape.</summary>
public static class ExplanationDtos
{
    public static ExplanationDto? From(ItemExplanation? explanation)
    {
        if (explanation is null) return null;
        var features = new FeatureContributionDto[explanation.Features.Count];
        for (int i = 0; i < features.Length; i++)
        {
            var f = explanation.Features[i];
            features[i] = new FeatureContributionDto(f.Name, f.Value, f.Contribution);
        }
        var similar = new HistoryMatchDto[explanation.SimilarTo.Count];
        for (int i = 0; i < similar.Length; i++)
        {
            var m = explanation.SimilarTo[i];
            similar[i] = new HistoryMatchDto(m.ItemId, m.Title, m.Similarity, m.Interaction);
        }
        return new ExplanationDto(features, similar, explanation.Reason);
    }
}
