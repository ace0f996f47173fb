using LiveRank.Domain;
using LiveRank.Policies;
using LiveRank.Scoring;
using LiveRank.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static LiveRank.Tests.Policies.PolicyFixture;

namespace LiveRank.Tests.Policies;

public sealed class PolicyRankerTests
{
    private static RankRequest Request(string user, int? limit, params string[] ids) =>
        new() { UserId = user, Candidates = [.. ids.Select(id => new RankCandidate(id))], Limit = limit };

    private static Item[] Catalog() =>
    [
        Product("a", "Acme", 0, "shoes"), Product("b", "Acme", 3, "shoes"), Product("c", "Bolt", 5, "hats"),
        Product("d", "Bolt", 0, "hats"), Product("e", "Cora", 2, "bags"),
    ];

    [Fact]
    public void Rank_NoPolicy_SameAnswerAsRanker()
    {
        var state = StateMother.NewState().WithItems(Catalog());
        var ranker = new Reranker(state, new HeuristicScorer());
        var policies = new PolicyRanker(state, RankingPolicy.None, TimeProvider.System);
        var request = Request("u", 3, "a", "b", "c", "d", "e");

        Assert.Equal(Ids(ranker.Rank(request)), Ids(policies.Rank(ranker, request)));
    }

    [Fact]
    public void Rank_ConfiguredFilterAndRequestPin_FilterAlwaysAppliesLimitFilledAfter()
    {
        var state = StateMother.NewState().WithItems(Catalog());
        var ranker = new Reranker(state, new HeuristicScorer());
        var configured = new RankingPolicy { Exclude = [ItemCondition.Parse("attributes.stock == 0")] };
        var policies = new PolicyRanker(state, configured, TimeProvider.System);
        var request = Request("u", 3, "a", "b", "c", "d", "e");
        var requested = new RankingPolicy { Pins = [new PinnedItem("e", 1), new PinnedItem("a", 2)] };

        var result = policies.Rank(ranker, request, requested);

        // a and d are out of stock: the pin on a does nothing; three items remain for a limit of 3.
        Assert.Equal("e", result.Items[0].Id);
        Assert.Equal(3, result.Items.Count);
        Assert.DoesNotContain(result.Items, i => i.Id is "a" or "d");
        Assert.Equal([1, 2, 3], result.Items.Select(i => i.Rank));
    }

    [Fact]
    public void Rank_ExcludeSeenWithin_UsesClockForWindow()
    {
        var state = StateMother.NewState().WithItems(Catalog()).With(
            StateMother.Event("u", "b", "view", atSeconds: 0),
            StateMother.Event("u", "c", "view", atSeconds: 7200));
        var clock = new FakeTimeProvider(StateMother.At(7200 + 60));
        var policies = new PolicyRanker(state, RankingPolicy.None, clock);
        var ranker = new Reranker(state, new HeuristicScorer());

        var result = policies.Rank(ranker, Request("u", null, "a", "b", "c"), new RankingPolicy { ExcludeSeenWithin = TimeSpan.FromHours(1) });

        Assert.Equal(["a", "b"], Ids(result).Order().ToArray());
    }

    [Fact]
    public void Recommend_PinOnUnretrievedCatalogItem_AddedAtPosition()
    {
        var state = StateMother.NewState().WithItems(Catalog()).With(StateMother.Event("u", "c", "purchase", atSeconds: 0));
        var ranker = new Reranker(state, new HeuristicScorer());
        var policies = new PolicyRanker(state, RankingPolicy.None, TimeProvider.System);
        // c is the user's purchase, so the retriever leaves it out; a pin brings it back.
        var request = new RecommendRequest { UserId = "u", Limit = 3 };
        Assert.DoesNotContain(ranker.Recommend(request).Items, i => i.Id == "c");

        var result = policies.Recommend(ranker, request, new RankingPolicy { Pins = [new PinnedItem("c", 2)] });

        Assert.Equal("c", result.Items[1].Id);
        Assert.Equal(3, result.Items.Count);
    }

    [Fact]
    public void Rank_SamePolicyTwice_SameAnswer()
    {
        var state = LiveStateMother.Create(new EventStreamOptions { Users = 20, Items = 60, EventsPerUser = 40 }, categories: 4);
        var ranker = new Reranker(state, new HeuristicScorer());
        var policy = new RankingPolicy
        {
            ExcludePurchased = true,
            Boosts = [new ScoreBoost(ItemCondition.Parse("category == c1"), 0.5f)],
            Caps = [new ExposureCap(CapField.Category, 2, 8)],
            Pins = [new PinnedItem(CatalogMother.ItemId(7), 4)],
        };
        var policies = new PolicyRanker(state, policy, TimeProvider.System);
        var request = Request(state.UserIds.Order(StringComparer.Ordinal).First(), 10, [.. Enumerable.Range(0, 60).Select(CatalogMother.ItemId)]);

        Assert.Equal(Ids(policies.Rank(ranker, request)), Ids(policies.Rank(ranker, request)));
    }

    [Fact]
    public void Rank_SeenWindowLongerThanTime_TreatedAsEver()
    {
        var state = StateMother.NewState().WithItems(Catalog()).With(StateMother.Event("u", "b", "view", atSeconds: 0));
        var policies = new PolicyRanker(state, RankingPolicy.None, TimeProvider.System);

        var result = policies.Rank(new Reranker(state, new HeuristicScorer()), Request("u", null, "a", "b"), new RankingPolicy { ExcludeSeenWithin = TimeSpan.MaxValue });

        Assert.Equal(["a"], Ids(result));
    }
}
