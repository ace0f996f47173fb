using LiveRank.Semantics;

namespace LiveRank.Tests.Semantics;

public class UserProfileTests
{
    private static readonly double HalfLifeDecay = Math.Log(2) / 100; // half-life 100 s

    [Fact]
    public void Accumulate_DecaysTheOldSumByHalfLife()
    {
        var sum = new float[2];
        uint time = 0;

        UserProfile.Accumulate(sum, ref time, 1000, HalfLifeDecay, 2f, [1, 0]);
        UserProfile.Accumulate(sum, ref time, 1100, HalfLifeDecay, 3f, [0, 1]);

        // sum = 2·(1,0)·½ + 3·(0,1) = (1, 3)
        Assert.Equal(1f, sum[0], 1e-5f);
        Assert.Equal(3f, sum[1], 1e-5f);
        Assert.Equal(1100u, time);
    }

    [Fact]
    public void Accumulate_OlderEvent_IsDiscountedByItsAge()
    {
        var sum = new float[2];
        uint time = 0;

        UserProfile.Accumulate(sum, ref time, 1100, HalfLifeDecay, 3f, [0, 1]);
        UserProfile.Accumulate(sum, ref time, 1000, HalfLifeDecay, 2f, [1, 0]);

        Assert.Equal(1f, sum[0], 1e-5f);
        Assert.Equal(3f, sum[1], 1e-5f);
        Assert.Equal(1100u, time);
    }

    [Fact]
    public void Accumulate_ManyEvents_KeepsRespondingToNewOnes()
    {
        var sum = new float[2];
        uint time = 0;
        for (int i = 0; i < 5000; i++) UserProfile.Accumulate(sum, ref time, 0, 0, 3f, [1, 0]);

        for (int i = 0; i < 5000; i++) UserProfile.Accumulate(sum, ref time, 0, 0, 3f, [0, 1]);

        var unit = new float[2];
        Assert.True(UserProfile.CopyUnit(sum, unit));
        Assert.Equal(1 / MathF.Sqrt(2), unit[0], 1e-4f);
        Assert.Equal(1 / MathF.Sqrt(2), unit[1], 1e-4f);
    }

    [Fact]
    public void CopyUnit_ZeroSum_WritesNothing()
    {
        var destination = new[] { 7f, 7f };

        Assert.False(UserProfile.CopyUnit(new float[2], destination));
        Assert.Equal([7f, 7f], destination);
    }
}
