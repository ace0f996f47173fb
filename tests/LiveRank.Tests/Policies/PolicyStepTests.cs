using LiveRank.Domain;
using LiveRank.Policies;
using LiveRank.Testing;
using Xunit;
using static LiveRank.Tests.Policies.PolicyFixture;

namespace LiveRank.Tests.Policies;

/// <summary>Each policy step on its own, over hand-made rankings.</summary>
public sealed class PolicyStepTests
{
    private readonly Item[] _catalog =
    [
        Product("a", "Acme", 3, "shoes"), Product("b", "Acme", 0, "shoes"), Product("c", "Bolt", 5, "shoes"),
        Product("d", "Bolt", 1, "hats"), Product("e", null, 2, "hats", "sale"), Product("f", "Acme", 4, "bags"),
    ];

    [Fact]
    public void CandidateFilter_ExcludeCondition_DropsOutOfStockKeepsUnknown()
    {
        var state = StateMother.NewState().WithItems(_catalog);
        var entries = Entries(state, "a", "b", "unknown", "c");
        var policy = new RankingPolicy { Exclude = [ItemCondition.Parse("attributes.stock == 0")] };

        CandidateFilter.Apply(entries, policy, UserExposure.Empty);

        Assert.Equal(["a", "unknown", "c"], Ids(entries));
    }

    [Fact]
    public void CandidateFilter_PurchasedAndSeenWithin_DropOnlyThoseItems()
    {
        var state = StateMother.NewState().WithItems(_catalog).With(
            StateMother.Event("u", "a", "purchase", atSeconds: 0),
            StateMother.Event("u", "c", "view", atSeconds: 10_000),
            StateMother.Event("u", "d", "view", atSeconds: 100));

        var purchased = Entries(state, "a", "b", "c", "d");
        CandidateFilter.Apply(purchased, new RankingPolicy { ExcludePurchased = true }, UserExposure.Read(state, "u", null));
        Assert.Equal(["b", "c", "d"], Ids(purchased));

        // Seen within an hour of t = 10,000 s: only c (d was seen 9,900 s earlier, a 10,000 s earlier).
        var seen = Entries(state, "a", "b", "c", "d");
        var exposure = UserExposure.Read(state, "u", StateMother.At(10_000 - 3600));
        CandidateFilter.Apply(seen, new RankingPolicy { ExcludeSeenWithin = TimeSpan.FromHours(1) }, exposure);
        Assert.Equal(["a", "b", "d"], Ids(seen));
    }

    [Fact]
    public void ScoreAdjuster_BoostAndBury_ReordersByNewScoreBuriedLast()
    {
        var state = StateMother.NewState().WithItems(_catalog);
        var entries = Entries(state, "a", "b", "c", "d", "e"); // scores 5 4 3 2 1
        var policy = new RankingPolicy
        {
            Boosts = [new ScoreBoost(ItemCondition.Parse("brand == Bolt"), 2.5f)], // c → 5.5, d → 4.5
            Bury = [ItemCondition.Parse("category == shoes")],                     // a, b, c to the bottom
        };

        ScoreAdjuster.Apply(entries, policy);

        Assert.Equal(["d", "e", "c", "a", "b"], Ids(entries));
        Assert.Equal(5.5f, entries[2].Score);
    }

    [Fact]
    public void ExposureCapper_CategoryCap_AtMostMaxPerCategoryWithinTop()
    {
        var state = StateMother.NewState().WithItems(_catalog);
        var entries = Entries(state, "a", "b", "c", "d", "e", "f");

        ExposureCapper.Apply(entries, [new ExposureCap(CapField.Category, 1, Within: 3)], limit: 6);

        // Top 3: a (shoes), d (hats), f (bags); b, c (shoes) and e (hats) wait below, in order.
        Assert.Equal(["a", "d", "f", "b", "c", "e"], Ids(entries));
    }

    [Fact]
    public void ExposureCapper_BrandCap_ItemsWithoutBrandNeverCapped()
    {
        var state = StateMother.NewState().WithItems(_catalog);
        var entries = Entries(state, "a", "b", "f", "e", "c");

        ExposureCapper.Apply(entries, [new ExposureCap(CapField.Brand, 1)], limit: 3);

        Assert.Equal(["a", "e", "c", "b", "f"], Ids(entries));
    }

    [Fact]
    public void PinPlacer_Pins_PlacedAtPositionsOthersKeepOrder()
    {
        var state = StateMother.NewState().WithItems(_catalog);
        var entries = Entries(state, "a", "b", "c", "d", "e");

        PinPlacer.Apply(entries, [new PinnedItem("e", 1), new PinnedItem("a", 3), new PinnedItem("zz", 2), new PinnedItem("b", 99)]);

        Assert.Equal(["e", "c", "a", "d", "b"], Ids(entries));
    }

    [Fact]
    public void MmrDiversifier_SimilarItems_InterleavedWithDissimilar()
    {
        var encoder = SemanticMother.Encoder();
        var semantic = SemanticMother.NewSemantic(encoder);
        var state = SemanticMother.NewState(semantic).WithItems(
            SemanticMother.Titled("s1", "space space"), SemanticMother.Titled("s2", "space space war"), SemanticMother.Titled("s3", "space space"),
            SemanticMother.Titled("r1", "romance"), SemanticMother.Titled("c1", "cooking"));
        new LiveRank.Semantics.ItemVectorIndexer(state, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        var unchanged = Entries(state, "s1", "s2", "s3", "r1", "c1");
        MmrDiversifier.Apply(unchanged, 0, state.Semantic!.Items, limit: 5);
        Assert.Equal(["s1", "s2", "s3", "r1", "c1"], Ids(unchanged));

        var diverse = Entries(state, "s1", "s2", "s3", "r1", "c1");
        MmrDiversifier.Apply(diverse, 0.7, state.Semantic!.Items, limit: 5);
        Assert.Equal("s1", diverse[0].Id);
        Assert.Equal(["c1", "r1"], Ids(diverse)[1..3].Order(StringComparer.Ordinal).ToArray());

        var again = Entries(state, "s1", "s2", "s3", "r1", "c1");
        MmrDiversifier.Apply(again, 0.7, state.Semantic!.Items, limit: 5);
        Assert.Equal(Ids(diverse), Ids(again));
    }
}
