using LiveRank.Domain;
using LiveRank.Retrieval;
using LiveRank.Semantics;
using LiveRank.State;
using Microsoft.Extensions.Time.Testing;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Retrieval;

public sealed class LiveCandidateRetrieverTests
{
    private static readonly LiveRetrievalOptions Immediate = new() { PopularRefresh = TimeSpan.Zero };

    private static LiveCandidateRetriever Retriever(LiveState state, LiveRetrievalOptions? options = null, TimeProvider? clock = null) =>
        new(state, options ?? Immediate, clock);

    /// <summary>Items p0…p5; p2 viewed by three shoppers, p4 by two, p1 by one (each a separate session); p0, p3, p5 untouched.</summary>
    private static LiveState Popular() => NewState()
        .WithItems(Item("p0"), Item("p1"), Item("p2"), Item("p3"), Item("p4"), Item("p5"))
        .With(
            Event("s1", "p2", atSeconds: 0), Event("s2", "p2", atSeconds: 0), Event("s3", "p2", atSeconds: 0),
            Event("s4", "p4", atSeconds: 0), Event("s5", "p4", atSeconds: 0), Event("s6", "p1", atSeconds: 0));

    /// <summary>Five shoppers view x then y in one session, so y follows x; z1…z3 are more popular than y.</summary>
    private static LiveState Followers()
    {
        var state = NewState().WithItems(Item("x"), Item("y"), Item("z1"), Item("z2"), Item("z3"));
        for (int u = 0; u < 5; u++)
        {
            state.With(Event($"shopper{u}", "x", atSeconds: 10 * u), Event($"shopper{u}", "y", atSeconds: 10 * u + 1));
            foreach (string z in new[] { "z1", "z2", "z3" })
            {
                state.With(Event($"browser-{z}-{u}", z, atSeconds: 10 * u), Event($"browser-{z}-{u}-b", z, atSeconds: 10 * u));
            }
        }
        return state;
    }

    [Fact]
    public void Retrieve_ColdUser_ReturnsCatalogByTrendingThenCatalogOrder()
    {
        var ids = Retriever(Popular()).Retrieve("stranger");

        Assert.Equal(["p2", "p4", "p1", "p0", "p3", "p5"], ids);
    }

    [Fact]
    public void Retrieve_AfterAView_ProposesTheFollowerFirstAndLeavesTheSeenItemOut()
    {
        var state = Followers().With(Event("me", "x", atSeconds: 100));

        var ids = Retriever(state).Retrieve("me");

        Assert.Equal("y", ids[0]);
        Assert.DoesNotContain("x", ids);
        Assert.Equal(["z1", "z2", "z3"], ids.Skip(1));
    }

    [Fact]
    public void Retrieve_IncludeSeen_KeepsTheSeenItem()
    {
        var state = Followers().With(Event("me", "x", atSeconds: 100));

        var ids = Retriever(state).Retrieve("me", includeSeen: true);

        Assert.Contains("x", ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Retrieve_Impression_DoesNotCountAsSeen()
    {
        var state = Popular().With(Event("me", "p2", "impression", atSeconds: 5), Event("me", "p4", "skip", atSeconds: 6));

        var ids = Retriever(state).Retrieve("me");

        Assert.Contains("p2", ids);
        Assert.DoesNotContain("p4", ids);
    }

    [Fact]
    public void Retrieve_DeletedItem_IsNeverProposed()
    {
        var state = Followers().With(Event("me", "x", atSeconds: 100));
        state.DeleteItem("y");
        state.DeleteItem("z1");

        var ids = Retriever(state).Retrieve("me", includeSeen: true);

        Assert.Equal(["z2", "z3", "x"], ids);
    }

    [Fact]
    public void Retrieve_ItemKnownOnlyFromEvents_IsNeverProposed()
    {
        var state = Popular().With(Event("s7", "ghost", atSeconds: 0), Event("s8", "ghost", atSeconds: 0), Event("s9", "ghost", atSeconds: 0),
            Event("s10", "ghost", atSeconds: 0));

        var ids = Retriever(state).Retrieve("stranger");

        Assert.DoesNotContain("ghost", ids);
        Assert.Equal(6, ids.Count);
    }

    [Fact]
    public void Retrieve_Max_CapsTheList()
    {
        var ids = Retriever(Popular()).Retrieve("stranger", max: 2);

        Assert.Equal(["p2", "p4"], ids);
    }

    [Fact]
    public void Retrieve_LargeCatalog_ProposesMaxCandidatesWithoutDuplicates()
    {
        var state = LiveStateMother.Create(new EventStreamOptions { Items = 2_000, Users = 50, EventsPerUser = 100 });
        var retriever = Retriever(state, new LiveRetrievalOptions { MaxCandidates = 300, PopularRefresh = TimeSpan.Zero });

        var first = retriever.Retrieve(EventStreamGenerator.UserId(7));
        var again = retriever.Retrieve(EventStreamGenerator.UserId(7));

        Assert.Equal(300, first.Count);
        Assert.Equal(300, first.Distinct().Count());
        Assert.Equal(first, again);
    }

    [Fact]
    public void Retrieve_CoVisitation_TakesAtMostHalfThePopularItemsTheTail()
    {
        var state = LiveStateMother.Create(new EventStreamOptions { Items = 500, Users = 200, EventsPerUser = 200 });
        var retriever = Retriever(state, new LiveRetrievalOptions { MaxCandidates = 20, PopularRefresh = TimeSpan.Zero });

        var ids = retriever.Retrieve(EventStreamGenerator.UserId(3));
        var popular = retriever.Retrieve("stranger", max: RankRequest.MaxCandidates);

        Assert.Equal(20, ids.Count);
        // Co-visitation proposes at most 10 and there are no item vectors: from the 11th on, popular items in popular order.
        var tail = ids.Skip(10).ToList();
        Assert.Equal(tail, popular.Where(tail.Contains));
    }

    [Fact]
    public void Retrieve_PopularList_IsRebuiltOnlyAfterTheRefreshInterval()
    {
        var clock = new FakeTimeProvider();
        var state = Popular();
        var retriever = Retriever(state, new LiveRetrievalOptions { PopularRefresh = TimeSpan.FromSeconds(1) }, clock);
        Assert.Equal("p2", retriever.Retrieve("stranger")[0]);

        state.With(Event("t1", "p5", "purchase", atSeconds: 10), Event("t2", "p5", "purchase", atSeconds: 10));
        var stale = retriever.Retrieve("stranger");
        clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = retriever.Retrieve("stranger");

        Assert.Equal("p2", stale[0]);
        Assert.Equal("p5", fresh[0]);
    }

    [Fact]
    public void Retrieve_WithItemVectors_ProposesTheNearestItemsToTheSession()
    {
        var encoder = SemanticMother.Encoder();
        var state = SemanticMother.NewState(SemanticMother.NewSemantic(encoder)).WithItems(
            SemanticMother.Titled("s1", "Space Odyssey"), SemanticMother.Titled("s2", "Space Station in space"),
            SemanticMother.Titled("r1", "A Romance"), SemanticMother.Titled("r2", "Romance in Paris"),
            SemanticMother.Titled("w1", "War and horse"), SemanticMother.Titled("s3", "Lost in space"));
        new ItemVectorIndexer(state, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        // Popularity favours the romances, so any space film ahead of them came from the LM neighbours.
        state.With(Event("a", "r1", atSeconds: 0), Event("b", "r2", atSeconds: 0), Event("c", "r1", atSeconds: 0));
        state.With(Event("me", "s1", "click", atSeconds: 100));

        var ids = Retriever(state).Retrieve("me");

        Assert.DoesNotContain("s1", ids);
        Assert.Equal(["s2", "s3"], ids.Take(2).Order());
    }

    [Fact]
    public void Retrieve_WithoutItemVectors_FallsBackToPopularity()
    {
        var encoder = SemanticMother.Encoder();
        var state = SemanticMother.NewState(SemanticMother.NewSemantic(encoder))
            .WithItems(SemanticMother.Titled("s1", "Space"), SemanticMother.Titled("s2", "Space again"), SemanticMother.Titled("r1", "Romance"))
            .With(Event("a", "r1", atSeconds: 0), Event("me", "s1", atSeconds: 100));

        var ids = Retriever(state).Retrieve("me");

        Assert.Equal(["r1", "s2"], ids);
    }

    [Fact]
    public void Retrieve_EmptyState_ReturnsNothing()
    {
        Assert.Empty(Retriever(NewState()).Retrieve("anyone"));
    }

    [Fact]
    public void Retrieve_Float16Vectors_FindTheSameNeighboursAsFloat32()
    {
        IReadOnlyList<string> Neighbours(VectorPrecision precision)
        {
            var encoder = SemanticMother.Encoder();
            var state = SemanticMother.NewState(SemanticMother.NewSemantic(encoder, new SemanticOptions { Precision = precision })).WithItems(
                SemanticMother.Titled("s1", "Space Odyssey"), SemanticMother.Titled("s2", "Space war"), SemanticMother.Titled("r1", "Romance"),
                SemanticMother.Titled("c1", "Cooking"), SemanticMother.Titled("h1", "Horse"));
            new ItemVectorIndexer(state, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
            state.With(Event("me", "s1", "click", atSeconds: 0));
            return Retriever(state).Retrieve("me");
        }

        Assert.Equal(Neighbours(VectorPrecision.Float32), Neighbours(VectorPrecision.Float16));
    }

    [Fact]
    public void Retrieve_MaxCandidatesOutOfRange_FailsOptionValidation()
    {
        var options = new LiveRetrievalOptions { MaxCandidates = RankRequest.MaxCandidates + 1 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        bool valid = System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            options, new System.ComponentModel.DataAnnotations.ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Contains(results, r => r.MemberNames.Contains(nameof(LiveRetrievalOptions.MaxCandidates)));
    }
}
