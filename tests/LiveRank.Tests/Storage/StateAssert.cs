using LiveRank.State;

namespace LiveRank.Tests.Storage;

/// <summary>Compares two states item by item and user by user (by id, not by internal index).</summary>
internal static class StateAssert
{
    public static void Same(LiveState expected, LiveState actual)
    {
        Assert.Equal(expected.Clock, actual.Clock);
        Assert.Equal(expected.ItemCount, actual.ItemCount);
        Assert.Equal(expected.UserCount, actual.UserCount);
        Assert.Equal(expected.Seen.Count, actual.Seen.Count);

        for (int i = 0; i < expected.ItemIds.Count; i++)
        {
            string id = expected.ItemIds.NameOf(i);
            Assert.True(actual.ItemIds.TryGet(id, out int j), $"item {id} missing");
            ref readonly var e = ref expected.Items[i];
            ref readonly var a = ref actual.Items[j];

            Assert.Equal(e.Item is null, a.Item is null);
            if (e.Item is not null)
            {
                Assert.Equal(e.Item.Title, a.Item!.Title);
                Assert.Equal(e.Item.Description, a.Item.Description);
                Assert.Equal(e.Item.Categories, a.Item.Categories);
                Assert.Equal(e.Item.Price, a.Item.Price);
                Assert.Equal(e.Item.Currency, a.Item.Currency);
                Assert.Equal(e.Item.Brand, a.Item.Brand);
                Assert.Equal(e.Item.Tags, a.Item.Tags);
                Assert.Equal(e.Item.Attributes.OrderBy(p => p.Key), a.Item.Attributes.OrderBy(p => p.Key));
                Assert.Equal(e.Item.CreatedAt, a.Item.CreatedAt);
            }
            Assert.Equal(e.AllTime, a.AllTime);
            Assert.Equal(expected.TrendAt(i, expected.Clock), actual.TrendAt(j, actual.Clock), 1e-4f);
            for (byte t = 0; t < expected.Types.Count; t++)
                Assert.Equal(expected.ItemTypeCount(i, t), actual.ItemTypeCount(j, t));
            Assert.Equal(Followers(expected, i), Followers(actual, j));
        }

        foreach (var userId in expected.Users.Keys)
        {
            var e = expected.Summarize(userId, int.MaxValue)!;
            var a = actual.Summarize(userId, int.MaxValue);
            Assert.NotNull(a);
            Assert.Equal(e.TotalEvents, a.TotalEvents);
            Assert.Equal(e.EventCounts.OrderBy(p => p.Key), a.EventCounts.OrderBy(p => p.Key));
            Assert.Equal(e.Sessions, a.Sessions);
            Assert.Equal(e.LastEventAt, a.LastEventAt);
            Assert.Equal(e.RecentEvents, a.RecentEvents);
        }
    }

    private static List<(string, float)> Followers(LiveState state, int index)
    {
        var list = new List<(string, float)>();
        if (state.Items[index].Followers is not { } followers) return list;
        int n = followers.Read(out var targets, out var weights);
        for (int k = 0; k < n; k++) list.Add((state.ItemIds.NameOf(targets[k]), weights[k]));
        list.Sort();
        return list;
    }
}
