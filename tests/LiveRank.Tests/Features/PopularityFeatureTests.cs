using LiveRank.Features;
using LiveRank.State;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Features;

public class PopularityFeatureTests
{
    [Fact]
    public void Fill_ViewAndPurchase_IsLogOfOnePlusWeightedCount()
    {
        // view 1 + purchase 3 = 4 → ln 5 = 1.609438.
        var state = NewState().With(Event("u", "a", "view", 0), Event("v", "a", "purchase", 1));

        float[] column = FeatureColumn.Fill(new PopularityFeature(), state, "me", "a", "unknown");

        Assert.Equal(1.609438f, column[0], 1e-5f);
        Assert.Equal(column[0], column[1]); // unknown popularity: the median of the seen candidates (here only a)
    }

    [Fact]
    public void Fill_ItemsWithoutInteractions_TakeTheMedianOfTheOthers()
    {
        // a: 1 view → ln 2; b: 3 views → ln 4; c: 1 purchase → ln 4… median of {ln 2, ln 4, ln 4} = ln 4.
        var state = NewState().WithItems(Item("new")).With(
            Event("u", "a", "view", 0), Event("u", "b", "view", 1), Event("v", "b", "view", 2), Event("w", "b", "view", 3),
            Event("u", "c", "purchase", 4));

        float[] column = FeatureColumn.Fill(new PopularityFeature(), state, "me", "a", "b", "c", "new", "never-heard-of");

        Assert.Equal(MathF.Log(2), column[0], 1e-5f);
        Assert.Equal(MathF.Log(4), column[3], 1e-5f);
        Assert.Equal(MathF.Log(4), column[4], 1e-5f);
    }

    [Fact]
    public void Fill_NoCandidateSeen_LeavesZeros()
    {
        float[] column = FeatureColumn.Fill(new PopularityFeature(), NewState().WithItems(Item("x")), "me", "x", "y");

        Assert.Equal([0f, 0f], column);
    }

    [Fact]
    public void Fill_TrendingOneHalfLifeAfterEvent_IsLogOfHalfWeight()
    {
        // cart (2) at t = 0, the clock moved on one half-life by another item's event: trend 1 → ln 2.
        var state = NewState(new StateOptions { PopularityHalfLife = TimeSpan.FromHours(1) })
            .With(Event("u", "a", "cart", 0), Event("u", "b", "view", 3600));

        float[] column = FeatureColumn.Fill(new TrendingFeature(), state, "me", "a", "unknown");

        Assert.Equal(0.693147f, column[0], 1e-4f);
        Assert.Equal(column[0], column[1], 1e-6f); // unknown: the median of the seen candidates
    }
}
