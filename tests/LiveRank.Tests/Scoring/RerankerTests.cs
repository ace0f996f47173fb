using LiveRank.Domain;
using LiveRank.Features;
using LiveRank.Scoring;
using LiveRank.State;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Scoring;

public class RerankerTests
{
    private static RankRequest Request(string userId, params string[] ids) =>
        new() { UserId = userId, Candidates = [.. ids.Select(id => new RankCandidate(id))] };

    private static LiveState Shop() => NewState()
        .WithItems(Item("a", "comedy"), Item("b", "comedy"), Item("c", "drama"), Item("d", "drama"))
        .With(
            Event("u1", "a", atSeconds: 0), Event("u1", "b", atSeconds: 1),
            Event("u2", "a", atSeconds: 0), Event("u2", "c", atSeconds: 1),
            Event("me", "a", "view", 10), Event("me", "d", "purchase", 11));

    /// <summary>Scores every candidate 0, so the order is decided by the sort alone.</summary>
    private sealed class ConstantScorer : IScorer
    {
        public string Model => "constant";
        public IReadOnlyList<IFeature> Features => [];
        public void Score(RankContext context, Span<float> scores) => scores.Clear();
        public float Contribution(RankContext context, int feature, int candidate) => 0;
    }

    [Fact]
    public void Rank_EqualScores_KeepInputOrder()
    {
        string[] ids = [.. Enumerable.Range(0, 40).Select(i => "item" + i)];

        var result = new Reranker(NewState(), new ConstantScorer()).Rank(Request("u", ids));

        Assert.Equal(ids, result.Items.Select(i => i.Id));
        Assert.Equal(Enumerable.Range(1, 40), result.Items.Select(i => i.Rank));
        Assert.Equal("constant", result.Model);
    }

    [Fact]
    public void Rank_ColdUserUnknownItems_FollowsUpstreamOrder()
    {
        var result = new Reranker(NewState(), new HeuristicScorer()).Rank(Request("u", "x", "y", "z"));

        Assert.Equal(["x", "y", "z"], result.Items.Select(i => i.Id));
        // Only the upstream term: 0.5 · (1 − position/3).
        Assert.Equal(0.5f, result.Items[0].Score, 1e-6f);
        Assert.Equal(0.5f / 3, result.Items[2].Score, 1e-6f);
        Assert.Equal(HeuristicScorer.ModelName, result.Model);
    }

    [Fact]
    public void Rank_UserWithHistory_PurchasedLastAndFollowersFirst()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "d", "c", "b", "a"));

        Assert.Equal("d", result.Items[^1].Id);
        Assert.True(result.Items[^1].Score < 0);
        // me's last event is a purchase of d (no followers); a → {b, c, d}: b and c tie on co-visitation and
        // popularity; c is drama like the purchase (interest 6) while b is comedy like the view (1), so c leads.
        Assert.Equal(["c", "b"], result.Items.Take(2).Select(i => i.Id));
    }

    [Fact]
    public void Rank_UnknownItem_HasNoPersonalFeatures_AndTheMedianPopularity()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "a", "nope") with { Explain = true });

        var unknown = result.Items.Single(i => i.Id == "nope").Contributions!;
        var a = result.Items.Single(i => i.Id == "a").Contributions!;
        Assert.Equal(0f, unknown["covisitation"]);
        Assert.Equal(0f, unknown["category_affinity"]);
        Assert.Equal(0f, unknown["purchased"]);
        // Popularity is unknown, not zero: it takes the median of the seen candidates (only a here).
        Assert.Equal(a["trending"], unknown["trending"]);
        Assert.Equal(a["popularity"], unknown["popularity"]);
        Assert.Equal(0.25f, unknown["upstream"], 1e-6f);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    [InlineData(10, 4)]
    [InlineData(-1, 0)]
    public void Rank_Limit_ReturnsAtMostLimitItems(int limit, int expected)
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "a", "b", "c", "d") with { Limit = limit });

        Assert.Equal(expected, result.Items.Count);
        Assert.Equal(Enumerable.Range(1, expected), result.Items.Select(i => i.Rank));
    }

    [Fact]
    public void Rank_LimitTwo_ReturnsTheTopTwoOfTheFullRanking()
    {
        var reranker = new Reranker(Shop(), new HeuristicScorer());
        var full = reranker.Rank(Request("me", "d", "c", "b", "a"));

        var top = reranker.Rank(Request("me", "d", "c", "b", "a") with { Limit = 2 });

        Assert.Equal(full.Items.Take(2).Select(i => i.Id), top.Items.Select(i => i.Id));
    }

    [Fact]
    public void Rank_Explain_ContributionsSumToScore()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "d", "c", "b", "a", "nope") with { Explain = true });

        foreach (var item in result.Items)
        {
            Assert.NotNull(item.Contributions);
            Assert.Equal(10, item.Contributions.Count);
            Assert.Equal(item.Score, item.Contributions.Values.Sum(), 1e-5f);
        }
        var d = result.Items.Single(i => i.Id == "d").Contributions!;
        Assert.Equal(-100f, d["purchased"]);
    }

    [Fact]
    public void Rank_Explain_CovisitationContributionIsSixteenTimesTheFeature()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "b", "c") with { Explain = true });

        // me's a → d link makes a → {b: 1, c: 1, d: 1}. Sources: d (no followers, j = 0), a (j = 1, weight 0.8)
        // → b: 0.8 · 1/3; contribution 16 · 0.8 / 3 = 4.2667.
        Assert.Equal(4.2666667f, result.Items.Single(i => i.Id == "b").Contributions!["covisitation"], 1e-5f);
    }

    [Fact]
    public void Rank_WithoutExplain_HasNoContributions()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Rank(Request("me", "a", "b"));

        Assert.All(result.Items, i => Assert.Null(i.Contributions));
    }

    [Fact]
    public void Rank_ConsecutiveUsersOnOneThread_DoNotShareCategoryAffinity()
    {
        var state = NewState().WithItems(Item("x", "comedy"), Item("y", "drama"))
            .With(Event("fan", "x", "like", 0), Event("other", "y", "view", 0));
        var reranker = new Reranker(state, new HeuristicScorer());

        reranker.Rank(Request("fan", "x", "y"));
        var other = reranker.Rank(Request("other", "x", "y") with { Explain = true });

        // other viewed only drama: x (comedy) 0, y 0.5 · 1.
        Assert.Equal(0f, other.Items.Single(i => i.Id == "x").Contributions!["category_affinity"]);
        Assert.Equal(0.5f, other.Items.Single(i => i.Id == "y").Contributions!["category_affinity"], 1e-6f);
    }

    [Fact]
    public void Recommend_ColdUser_RanksThePopularItems()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Recommend(new RecommendRequest { UserId = "stranger" });

        // d (a purchase, weight 3, the newest) and a (three views) lead; b and c (one view each) tie, catalog order.
        Assert.Equal(["d", "a", "b", "c"], result.Items.Select(i => i.Id));
        Assert.Equal([1, 2, 3, 4], result.Items.Select(i => i.Rank));
        Assert.Equal(HeuristicScorer.ModelName, result.Model);
    }

    [Fact]
    public void Recommend_UserWithHistory_RanksTheFollowersAndLeavesSeenItemsOut()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Recommend(new RecommendRequest { UserId = "me" });

        // As in the rerank of the same state: c before b; a (viewed) and d (bought) are not recommended again.
        Assert.Equal(["c", "b"], result.Items.Select(i => i.Id));
    }

    [Fact]
    public void Recommend_IncludeSeen_RanksTheSeenItemsToo()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Recommend(new RecommendRequest { UserId = "me", IncludeSeen = true });

        Assert.Equal(["a", "b", "c", "d"], result.Items.Select(i => i.Id).Order());
        Assert.Equal("d", result.Items[^1].Id); // bought
    }

    [Fact]
    public void Recommend_Limit_ReturnsTheTopOfTheFullList()
    {
        var reranker = new Reranker(Shop(), new HeuristicScorer());
        var full = reranker.Recommend(new RecommendRequest { UserId = "stranger" });

        var top = reranker.Recommend(new RecommendRequest { UserId = "stranger", Limit = 2 });

        Assert.Equal(full.Items.Take(2).Select(i => i.Id), top.Items.Select(i => i.Id));
    }

    [Fact]
    public void Recommend_Explain_ContributionsSumToScore()
    {
        var result = new Reranker(Shop(), new HeuristicScorer()).Recommend(new RecommendRequest { UserId = "me", Explain = true });

        Assert.All(result.Items, item => Assert.Equal(item.Score, item.Contributions!.Values.Sum(), 1e-5f));
    }

    [Fact]
    public void Recommend_AfterRankOnTheSameThread_IsNotAffectedByTheRankRequest()
    {
        var reranker = new Reranker(Shop(), new HeuristicScorer());
        var alone = reranker.Recommend(new RecommendRequest { UserId = "me", Explain = true });

        reranker.Rank(Request("stranger", [.. Enumerable.Range(0, 50).Select(i => "x" + i)]) with { Explain = true });
        var after = reranker.Recommend(new RecommendRequest { UserId = "me", Explain = true });

        Assert.Equal(alone.Items.Select(i => (i.Id, i.Score)), after.Items.Select(i => (i.Id, i.Score)));
    }

    [Fact]
    public void Constructor_RetrieverOfAnotherState_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Reranker(Shop(), new HeuristicScorer(), new LiveRank.Retrieval.LiveCandidateRetriever(NewState())));
    }
}
