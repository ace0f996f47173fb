using LiveRank.Features;
using LiveRank.Semantics;
using LiveRank.Tests.Features;
using static LiveRank.Testing.SemanticMother;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Semantics;

public class NarrativeRefresherTests
{
    [Fact]
    public void RefreshDue_ManyEventsOfOneUser_EncodeTheNarrativeOnce()
    {
        var encoder = Encoder();
        var state = NewState(NewSemantic(encoder)).WithItems(Titled("s1", "Space Odyssey"), Titled("r1", "A Romance"));
        new ItemVectorIndexer(state, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        int before = encoder.TextsEncoded;
        var refresher = new NarrativeRefresher(state, encoder, user => $"{user} watched space films");

        state.With(Event("u", "s1", "click", 0), Event("u", "s1", "click", 1), Event("u", "r1", "view", 2));
        int encoded = refresher.RefreshDue(TestContext.Current.CancellationToken);

        Assert.Equal(1, encoded);
        Assert.Equal(before + 1, encoder.TextsEncoded);
        var narrative = FeatureColumn.Fill(new NarrativeSimilarityFeature(), state, "u", "s1", "r1");
        Assert.True(narrative[0] > 0.9f);
        Assert.True(narrative[1] < 0.2f);
    }

    [Fact]
    public void RefreshDue_UnchangedNarrative_IsNotEncodedAgain()
    {
        var encoder = Encoder();
        var state = NewState(NewSemantic(encoder)).WithItems(Titled("s1", "Space Odyssey"));
        var refresher = new NarrativeRefresher(state, encoder, _ => "the same story");
        state.With(Event("u", "s1", "click", 0));
        refresher.RefreshDue(TestContext.Current.CancellationToken);

        state.With(Event("u", "s1", "click", 5));
        int encoded = refresher.RefreshDue(TestContext.Current.CancellationToken);

        Assert.Equal(0, encoded);
        Assert.Equal(0, refresher.Due);
    }

    [Fact]
    public void RefreshDue_NoNarrative_LeavesTheFeatureAtZero()
    {
        var encoder = Encoder();
        var state = NewState(NewSemantic(encoder)).WithItems(Titled("s1", "Space Odyssey"));
        var refresher = new NarrativeRefresher(state, encoder, _ => "");
        state.With(Event("u", "s1", "click", 0));

        refresher.RefreshDue(TestContext.Current.CancellationToken);

        Assert.Equal(0f, FeatureColumn.Fill(new NarrativeSimilarityFeature(), state, "u", "s1")[0]);
    }

    [Fact]
    public void RefreshDue_WithALimit_LeavesTheRestForTheNextRefresh()
    {
        var encoder = Encoder();
        var state = NewState(NewSemantic(encoder)).WithItems(Titled("s1", "Space Odyssey"));
        var refresher = new NarrativeRefresher(state, encoder, user => "story of " + user);
        for (int u = 0; u < 5; u++) state.With(Event("u" + u, "s1", "click", u));

        int first = refresher.RefreshDue(2, TestContext.Current.CancellationToken);

        Assert.Equal(2, first);
        Assert.Equal(3, refresher.Due);
        Assert.Equal(3, refresher.RefreshDue(2, TestContext.Current.CancellationToken) + refresher.RefreshDue(2, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void RefreshDue_TimeBudgetSpent_StopsAfterOneSmallCallAndKeepsTheRestMarked()
    {
        var encoder = Encoder();
        var state = NewState(NewSemantic(encoder)).WithItems(Titled("s1", "Space Odyssey"));
        var refresher = new NarrativeRefresher(state, encoder, user => "story of " + user);
        for (int u = 0; u < 10; u++) state.With(Event("u" + u, "s1", "click", u));

        // A zero budget is spent by the first encoder call, which holds a few narratives, not a whole batch.
        int first = refresher.RefreshDue(64, TimeSpan.Zero, TestContext.Current.CancellationToken);

        Assert.InRange(first, 1, 4);
        Assert.Equal(10 - first, refresher.Due);
        Assert.Equal(10 - first, refresher.RefreshDue(64, Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken));
        Assert.Equal(0, refresher.Due);
    }
}
