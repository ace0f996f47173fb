using LiveRank.Features;
using LiveRank.State;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Features;

public class CategoryAffinityFeatureTests
{
    private static LiveState Catalog() => NewState().WithItems(
        Item("x", "comedy"), Item("y", "drama"), Item("z", "comedy", "drama"), Item("w"), Item("k", "kids"));

    [Fact]
    public void Fill_ViewThenSkip_SignAndMagnitudeFollowWeights()
    {
        // Newest first: skip y (−2 · 1), view x (+1 · 0.99); total |w| = 2.99.
        var state = Catalog().With(Event("me", "x", "view", 0), Event("me", "y", "skip", 1));

        float[] column = FeatureColumn.Fill(new CategoryAffinityFeature(), state, "me", "x", "y", "z", "w", "k", "unknown");

        Assert.Equal(0.99f / 2.99f, column[0], 1e-6f);          // 0.3311
        Assert.Equal(-2f / 2.99f, column[1], 1e-6f);            // −0.6689
        Assert.Equal((0.99f - 2f) / (2 * 2.99f), column[2], 1e-6f); // mean over two categories: −0.1689
        Assert.Equal(0f, column[3]);
        Assert.Equal(0f, column[4]);
        Assert.Equal(0f, column[5]);
    }

    [Fact]
    public void Fill_LowRating_IsNegative()
    {
        var state = Catalog().With(Event("me", "x", "rating", 0, value: 1));

        float[] column = FeatureColumn.Fill(new CategoryAffinityFeature(), state, "me", "x", "z");

        Assert.Equal(-1f, column[0], 1e-6f);
        Assert.Equal(-0.5f, column[1], 1e-6f);
    }

    [Fact]
    public void Fill_ColdUser_IsZero()
    {
        float[] column = FeatureColumn.Fill(new CategoryAffinityFeature(), Catalog(), "stranger", "x", "y");

        Assert.Equal([0f, 0f], column);
    }

    [Fact]
    public void Fill_TwoRequestsOnOneContext_DoNotLeakPreferences()
    {
        var state = Catalog().With(Event("me", "x", "like", 0), Event("other", "y", "like", 0));
        var context = new RankContext(state, 1);
        var feature = new CategoryAffinityFeature();

        context.Load(new LiveRank.Domain.RankRequest { UserId = "me", Candidates = [new("x"), new("y")] });
        feature.Fill(context, context.Column(0));
        context.Load(new LiveRank.Domain.RankRequest { UserId = "other", Candidates = [new("x"), new("y")] });
        feature.Fill(context, context.Column(0));

        Assert.Equal([0f, 1f], context.Column(0).ToArray());
    }
}
