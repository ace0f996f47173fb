using LiveRank.State;

namespace LiveRank.Tests.State;

public class EventDeduplicatorTests
{
    [Fact]
    public void Add_SameHashTwice_SecondIsRejected()
    {
        var seen = new EventDeduplicator(window: 100);

        Assert.True(seen.Add(42));
        Assert.False(seen.Add(42));
        Assert.Equal(1, seen.Count);
    }

    [Fact]
    public void Add_PastTheWindow_ForgetsOldestGenerationOnly()
    {
        var seen = new EventDeduplicator(window: 4); // generations of 2

        foreach (ulong h in new ulong[] { 1, 2, 3, 4 }) Assert.True(seen.Add(h)); // 1,2 rotated out when 3,4 fill up

        Assert.False(seen.Contains(1));
        Assert.False(seen.Contains(2));
        Assert.True(seen.Contains(3));
        Assert.True(seen.Contains(4));
        Assert.True(seen.Add(1)); // accepted again: beyond the window
    }

    [Fact]
    public void Add_WithinWindowAcrossRotation_StillRejected()
    {
        var seen = new EventDeduplicator(window: 4);
        seen.Add(1);
        seen.Add(2); // rotates: {1,2} is now the older generation

        Assert.False(seen.Add(1));
        Assert.False(seen.Add(2));
    }

    [Fact]
    public void Remove_FromEitherGeneration_AllowsTheHashAgain()
    {
        var seen = new EventDeduplicator(window: 4);
        seen.Add(1);
        seen.Add(2); // older generation
        seen.Add(3); // newer generation

        seen.Remove(1);
        seen.Remove(3);

        Assert.True(seen.Add(1));
        Assert.True(seen.Add(3));
    }

    [Fact]
    public void Hash_SameText_SameHashAndDifferentTextDiffers()
    {
        Assert.Equal(EventDeduplicator.Hash("evt-1"), EventDeduplicator.Hash("evt-1"));
        Assert.NotEqual(EventDeduplicator.Hash("evt-1"), EventDeduplicator.Hash("evt-2"));
    }
}
