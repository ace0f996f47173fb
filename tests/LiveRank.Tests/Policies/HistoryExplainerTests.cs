using LiveRank.Domain;
using LiveRank.Explanations;
using LiveRank.Policies;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.Testing;
using Xunit;

namespace LiveRank.Tests.Policies;

public sealed class HistoryExplainerTests
{
    [Fact]
    public void Rank_Explain_TopContributionsAndNearestHistoryItemWithRating()
    {
        var encoder = SemanticMother.Encoder();
        var state = SemanticMother.NewState(SemanticMother.NewSemantic(encoder)).WithItems(
            SemanticMother.Titled("heat", "Heat: war in space"), SemanticMother.Titled("up", "Up: romance"),
            SemanticMother.Titled("skip", "Space war again"),
            SemanticMother.Titled("cand", "Space war story"), SemanticMother.Titled("other", "Cooking show"));
        new ItemVectorIndexer(state, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        state.With(
            StateMother.Event("u", "heat", "rating", atSeconds: 0, value: 5),
            StateMother.Event("u", "up", "view", atSeconds: 60),
            StateMother.Event("u", "skip", "skip", atSeconds: 120));
        var policies = new PolicyRanker(state, RankingPolicy.None, TimeProvider.System);
        var request = new RankRequest { UserId = "u", Candidates = [new("cand"), new("other")], Explain = true };

        var result = policies.Rank(new Reranker(state, new HeuristicScorer()), request);

        var cand = result.Items.Single(i => i.Id == "cand").Explanation!;
        Assert.InRange(cand.Features.Count, 1, ItemExplanation.TopFeatures);
        for (int i = 1; i < cand.Features.Count; i++)
            Assert.True(Math.Abs(cand.Features[i - 1].Contribution) >= Math.Abs(cand.Features[i].Contribution));
        Assert.All(cand.Features, f => Assert.NotNull(f.Value));
        // The skipped item is just as close but is never given as a reason; the romance view is not close.
        var match = Assert.Single(cand.SimilarTo);
        Assert.Equal("heat", match.ItemId);
        Assert.Equal("rated 5/5", match.Interaction);
        Assert.Equal("similar to 'Heat: war in space' you rated 5/5", cand.Reason);
        Assert.Empty(result.Items.Single(i => i.Id == "other").Explanation!.SimilarTo);
    }
}
