using LiveRank.Features;
using LiveRank.State;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Features;

public class CoVisitationFeatureTests
{
    /// <summary>
    /// Followers after these sessions: a → {b: 2, c: 1}, b → {c: 1, a: 1}. The user "me" did b then a,
    /// so the sources are a (j = 0, weight 1) and b (j = 1, weight 0.8).
    /// </summary>
    private static LiveState Scenario() => NewState().With(
        Event("u1", "a", atSeconds: 0), Event("u1", "b", atSeconds: 1),
        Event("u2", "a", atSeconds: 0), Event("u2", "c", atSeconds: 1),
        Event("u3", "a", atSeconds: 0), Event("u3", "b", atSeconds: 1),
        Event("u4", "b", atSeconds: 0), Event("u4", "c", atSeconds: 1),
        Event("me", "b", atSeconds: 10), Event("me", "a", atSeconds: 11));

    [Fact]
    public void Fill_UserWithHistory_IsDecayedSumOfFollowerShares()
    {
        float[] column = FeatureColumn.Fill(new CoVisitationFeature(), Scenario(), "me", "a", "b", "c", "unknown");

        // a: 0.8 · 1/2 = 0.4;  b: 1 · 2/3;  c: 1 · 1/3 + 0.8 · 1/2 = 0.7333…
        Assert.Equal(0.4f, column[0], 1e-6f);
        Assert.Equal(0.6666667f, column[1], 1e-6f);
        Assert.Equal(0.7333333f, column[2], 1e-6f);
        Assert.Equal(0f, column[3]);
    }

    [Fact]
    public void Fill_RepeatedSourceItem_CountsOnceAtItsNewestPosition()
    {
        // me: a, b, a → sources a (j = 0) and b (j = 1); the older a is skipped, so b keeps weight 0.8.
        var state = Scenario();
        state.Apply(Event("me", "a", atSeconds: 12));
        state.Apply(Event("me2", "b", atSeconds: 0));

        float[] column = FeatureColumn.Fill(new CoVisitationFeature(), state, "me", "c");

        // a's followers are now {b: 2, c: 1} plus me's own b→a link is on b: b → {c: 1, a: 2}.
        // c: 1 · 1/3 + 0.8 · 1/3 = 0.6
        Assert.Equal(0.6f, column[0], 1e-6f);
    }

    [Fact]
    public void Fill_ColdUser_IsZero()
    {
        float[] column = FeatureColumn.Fill(new CoVisitationFeature(), Scenario(), "stranger", "a", "b", "c");

        Assert.Equal([0f, 0f, 0f], column);
    }
}
