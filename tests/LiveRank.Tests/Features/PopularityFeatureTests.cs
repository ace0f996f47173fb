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
        Assert.Equal(0f, column[1]);
    }

    [Fact]
    public void Fill_TrendingOneHalfLifeAfterEvent_IsLogOfHalfWeight()
    {
        // cart (2) at t = 0, the clock moved on one half-life by another item's event: trend 1 → ln 2.
        var state = NewState(new StateOptions { PopularityHalfLife = TimeSpan.FromHours(1) })
            .With(Event("u", "a", "cart", 0), Event("u", "b", "view", 3600));

        float[] column = FeatureColumn.Fill(new TrendingFeature(), state, "me", "a", "unknown");

        Assert.Equal(0.693147f, column[0], 1e-4f);
        Assert.Equal(0f, column[1]);
    }
}
