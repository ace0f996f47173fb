using LiveRank.State;

namespace LiveRank.Tests.State;

public class UserStateTests
{
    private const int Capacity = 5;

    private static RecentEvent EventFor(int item) => new(item, 0, (uint)item, 0, startsSession: false);

    private static int[] Items(UserState user)
    {
        var events = new RecentEvent[user.Count];
        user.CopyTo(events);
        return Array.ConvertAll(events, e => e.ItemIndex);
    }

    [Fact]
    public void Append_BelowCapacity_KeepsAllOldestFirst()
    {
        var user = new UserState(8);
        for (int i = 0; i < 3; i++) user.Append(EventFor(i), Capacity);

        Assert.Equal(3, user.Count);
        Assert.Equal([0, 1, 2], Items(user));
    }

    [Fact]
    public void Append_PastInitialRing_GrowsUpToCapacity()
    {
        var user = new UserState(8);
        for (int i = 0; i < Capacity; i++) user.Append(EventFor(i), Capacity);

        Assert.Equal(Capacity, user.Count);
        Assert.Equal([0, 1, 2, 3, 4], Items(user));
    }

    [Fact]
    public void Append_PastCapacity_OverwritesOldest()
    {
        var user = new UserState(8);
        for (int i = 0; i < 8; i++) user.Append(EventFor(i), Capacity);

        Assert.Equal(Capacity, user.Count);
        Assert.Equal([3, 4, 5, 6, 7], Items(user));
    }

    [Fact]
    public void Append_ManyWrapsAround_CopyToStaysOldestFirst()
    {
        var user = new UserState(8);
        for (int i = 0; i < 23; i++) user.Append(EventFor(i), Capacity);

        Assert.Equal([18, 19, 20, 21, 22], Items(user));
        var newest = new RecentEvent[1];
        Assert.Equal(1, user.CopyNewest(newest));
        Assert.Equal(22, newest[0].ItemIndex);
    }

    [Fact]
    public void CopyNewest_Empty_ReturnsNothing()
    {
        var user = new UserState(8);

        Assert.Equal(0, user.CopyNewest(new RecentEvent[1]));
        Assert.Equal(0, user.CopyTo(Span<RecentEvent>.Empty));
    }

    [Fact]
    public void TotalEvents_TypeCounts_IsTheirSum()
    {
        var user = new UserState(3);
        user.TypeCounts[0] = 2;
        user.TypeCounts[2] = 5;

        Assert.Equal(7, user.TotalEvents);
    }

    [Fact]
    public void Restore_MoreEventsThanCapacity_KeepsNewest()
    {
        var user = new UserState(8);
        var events = new RecentEvent[7];
        for (int i = 0; i < events.Length; i++) events[i] = EventFor(i);

        user.Restore(new int[8], events, Capacity);
        user.Append(EventFor(7), Capacity);

        Assert.Equal([3, 4, 5, 6, 7], Items(user));
    }

    [Theory]
    [InlineData(2, new[] { 5, 6 })]
    [InlineData(5, new[] { 2, 3, 4, 5, 6 })]
    [InlineData(9, new[] { 2, 3, 4, 5, 6 })]
    public void CopyNewest_AfterWrapAround_ReturnsNewestOldestFirst(int room, int[] expected)
    {
        var user = new UserState(8);
        for (int i = 0; i < 7; i++) user.Append(EventFor(i), Capacity); // ring holds 2..6, start mid-array

        var destination = new RecentEvent[room];
        int n = user.CopyNewest(destination);

        Assert.Equal(expected, Array.ConvertAll(destination[..n], e => e.ItemIndex));
    }
}
