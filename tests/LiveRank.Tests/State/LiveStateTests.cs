using LiveRank.Domain;
using LiveRank.State;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.State;

public class LiveStateTests
{
    private static int IndexOf(LiveState state, string itemId)
    {
        Assert.True(state.ItemIds.TryGet(itemId, out int index), $"item {itemId} is unknown");
        return index;
    }

    private static float FollowWeight(LiveState state, string from, string to) =>
        state.Items[IndexOf(state, from)].Followers?.WeightOf(IndexOf(state, to)) ?? 0f;

    [Fact]
    public void Apply_Events_UpdatesUserAndItemCounters()
    {
        var state = NewState().With(
            Event("u", "a", "view", 10),
            Event("u", "a", "view", 20),
            Event("u", "a", "purchase", 30),
            Event("v", "b", "click", 40));

        var summary = state.Summarize("u")!;
        Assert.Equal(3, summary.TotalEvents);
        Assert.Equal(2, summary.EventCounts["view"]);
        Assert.Equal(1, summary.EventCounts["purchase"]);
        Assert.Equal(2, summary.EventCounts.Count);
        Assert.Equal(At(30), summary.LastEventAt);

        int a = IndexOf(state, "a");
        Assert.Equal(2, state.ItemTypeCount(a, EventTypeRegistry.View));
        Assert.Equal(1, state.ItemTypeCount(a, EventTypeRegistry.Purchase));
        Assert.Equal(0, state.ItemTypeCount(a, EventTypeRegistry.Click));
        // Popularity weights: view 1 + view 1 + purchase 3.
        Assert.Equal(5f, state.Items[a].AllTime);
        Assert.Equal(2, state.UserCount);
        Assert.Equal(2, state.ItemCount);
        Assert.Equal(LiveState.ToUnixSeconds(At(40)), state.Clock);
    }

    [Fact]
    public void Apply_GapLongerThanInactivity_StartsNewSession()
    {
        var state = NewState(new StateOptions { SessionInactivity = TimeSpan.FromMinutes(30) }).With(
            Event("u", "a", atSeconds: 0),
            Event("u", "b", atSeconds: 1800),       // exactly the gap: same session
            Event("u", "c", atSeconds: 1800 + 1801)); // longer than the gap: new session

        var summary = state.Summarize("u")!;
        Assert.Equal(2, summary.Sessions);
        Assert.Equal([true, false, true], summary.RecentEvents.Reverse().Select(e => e.StartsSession));
    }

    [Fact]
    public void Apply_SessionIdChanges_StartsNewSession()
    {
        var state = NewState().With(
            Event("u", "a", atSeconds: 0, sessionId: "s1"),
            Event("u", "b", atSeconds: 10, sessionId: "s1"),
            Event("u", "c", atSeconds: 20),                  // no id: continues s1
            Event("u", "d", atSeconds: 30, sessionId: "s2"));

        var summary = state.Summarize("u")!;
        Assert.Equal(2, summary.Sessions);
        Assert.Equal([true, false, false, true], summary.RecentEvents.Reverse().Select(e => e.StartsSession));
    }

    [Fact]
    public void Apply_SameClientIdTwice_SecondReturnsFalseAndChangesNothing()
    {
        var state = NewState();

        Assert.True(state.Apply(Event("u", "a", id: "same", atSeconds: 1)));
        Assert.False(state.Apply(Event("u", "b", id: "same", atSeconds: 2)));

        Assert.Equal(1, state.Summarize("u")!.TotalEvents);
        Assert.False(state.ItemIds.TryGet("b", out _));
        Assert.True(state.IsDuplicate(Event("x", "y", id: "same")));
    }

    [Fact]
    public void Apply_GeneratedIds_NeverDeduplicated()
    {
        var state = NewState();

        Assert.True(state.Apply(Event("u", "a", id: "gen", hasClientId: false)));
        Assert.True(state.Apply(Event("u", "a", id: "gen", hasClientId: false)));

        Assert.Equal(2, state.Summarize("u")!.TotalEvents);
        Assert.False(state.IsDuplicate(Event("u", "a", id: "gen", hasClientId: false)));
    }

    [Fact]
    public void Apply_UnknownType_Throws()
    {
        var state = NewState();

        Assert.Throws<ArgumentException>(() => state.Apply(Event("u", "a", type: "teleport")));
        Assert.False(state.HasUser("u"));
    }

    [Fact]
    public void Apply_UnknownTypeRejected_DoesNotConsumeClientId()
    {
        var state = NewState();
        Assert.Throws<ArgumentException>(() => state.Apply(Event("u", "a", type: "teleport", id: "retry-me")));

        Assert.False(state.IsDuplicate(Event("u", "a", id: "retry-me")));
        Assert.True(state.Apply(Event("u", "a", type: "view", id: "retry-me")));
        Assert.Equal(1, state.Summarize("u")!.TotalEvents);
    }

    [Fact]
    public void Apply_EventsInOneSession_LinksEarlierItemsByDistance()
    {
        var state = NewState().With(
            Event("u", "a", atSeconds: 0),
            Event("u", "b", atSeconds: 10),
            Event("u", "c", atSeconds: 20));

        Assert.Equal(1f, FollowWeight(state, "a", "b"));
        Assert.Equal(1f, FollowWeight(state, "b", "c"));
        Assert.Equal(0.5f, FollowWeight(state, "a", "c"));
        Assert.Equal(0f, FollowWeight(state, "b", "a"));
        Assert.Null(state.Items[IndexOf(state, "c")].Followers);
    }

    [Fact]
    public void Apply_NewSession_DoesNotLinkAcrossSessions()
    {
        var state = NewState().With(
            Event("u", "a", atSeconds: 0, sessionId: "s1"),
            Event("u", "b", atSeconds: 10, sessionId: "s2"),
            Event("u", "c", atSeconds: 20, sessionId: "s2"),
            Event("u", "d", atSeconds: 20 + 3600, sessionId: "s2")); // inactivity: a new session although the id is the same

        Assert.Equal(0f, FollowWeight(state, "a", "b"));
        Assert.Equal(0f, FollowWeight(state, "a", "c"));
        Assert.Equal(1f, FollowWeight(state, "b", "c"));
        Assert.Equal(0f, FollowWeight(state, "c", "d"));
        Assert.Equal(0f, FollowWeight(state, "b", "d"));
    }

    [Fact]
    public void Apply_MoreThanWindow_LinksOnlyTheLastWindowItems()
    {
        var state = NewState(new StateOptions { CoVisitationWindow = 2 }).With(
            Event("u", "a", atSeconds: 0),
            Event("u", "b", atSeconds: 1),
            Event("u", "c", atSeconds: 2),
            Event("u", "d", atSeconds: 3));

        Assert.Equal(1f, FollowWeight(state, "c", "d"));
        Assert.Equal(0.5f, FollowWeight(state, "b", "d"));
        Assert.Equal(0f, FollowWeight(state, "a", "d"));
    }

    [Fact]
    public void Apply_ZeroPopularityEvents_NeitherLinkNorCountTowardsDistance()
    {
        var state = NewState().With(
            Event("u", "a", atSeconds: 0),
            Event("u", "x", "impression", 1),
            Event("u", "b", atSeconds: 2));

        Assert.Equal(1f, FollowWeight(state, "a", "b"));
        Assert.Equal(0f, FollowWeight(state, "a", "x"));
        Assert.Null(state.Items[IndexOf(state, "x")].Followers);
    }

    [Fact]
    public void TrendAt_OneHalfLifeLater_IsHalved()
    {
        var halfLife = TimeSpan.FromHours(1);
        var state = NewState(new StateOptions { PopularityHalfLife = halfLife }).With(Event("u", "a", "cart", 0));
        int a = IndexOf(state, "a");
        uint t0 = LiveState.ToUnixSeconds(At(0));

        Assert.Equal(2f, state.TrendAt(a, t0), 1e-5f);
        Assert.Equal(1f, state.TrendAt(a, t0 + 3600), 1e-4f);
        Assert.Equal(0.5f, state.TrendAt(a, t0 + 7200), 1e-4f);

        state.Apply(Event("v", "a", "view", 3600));
        // 2 decayed to 1, plus the new view's weight 1.
        Assert.Equal(2f, state.TrendAt(a, t0 + 3600), 1e-4f);
        Assert.Equal(3f, state.Items[a].AllTime);
    }

    [Fact]
    public void TrendAt_OutOfOrderOlderEvent_IsDiscounted()
    {
        var state = NewState(new StateOptions { PopularityHalfLife = TimeSpan.FromHours(1) }).With(
            Event("u", "a", "view", 3600),
            Event("v", "a", "view", 0));
        uint t1 = LiveState.ToUnixSeconds(At(3600));

        Assert.Equal(1.5f, state.TrendAt(IndexOf(state, "a"), t1), 1e-4f);
        Assert.Equal(t1, state.Clock);
    }

    [Fact]
    public void TrendAt_UnknownIndex_IsZero() => Assert.Equal(0f, NewState().TrendAt(123_456, 0));

    [Fact]
    public void ForgetUser_KnownUser_RemovesUserButKeepsAggregates()
    {
        var state = NewState().With(Event("u", "a", atSeconds: 0), Event("u", "b", atSeconds: 1), Event("v", "a", atSeconds: 2));

        Assert.True(state.ForgetUser("u"));

        Assert.False(state.HasUser("u"));
        Assert.Null(state.Summarize("u"));
        Assert.Equal(0, state.CopyUserEvents("u", new RecentEvent[4]));
        Assert.True(state.HasUser("v"));
        Assert.Equal(2f, state.Items[IndexOf(state, "a")].AllTime);
        Assert.Equal(1f, FollowWeight(state, "a", "b"));
        Assert.False(state.ForgetUser("u"));
    }

    [Fact]
    public void Summarize_RecentEvents_NewestFirstWithValues()
    {
        // Recent events keep minute resolution: the ring stores minutes after the user's first event.
        var state = NewState().With(
            Event("u", "a", "view", 0),
            Event("u", "b", "rating", 60, value: 4.5),
            Event("u", "c", "click", 150));

        var recent = state.Summarize("u")!.RecentEvents;

        Assert.Equal(
            [
                new RecentEventView("click", "c", ToMinute(At(150)), null, false),
                new RecentEventView("rating", "b", ToMinute(At(60)), 4.5, false),
                new RecentEventView("view", "a", ToMinute(At(0)), null, true),
            ],
            recent);
    }

    [Fact]
    public void Summarize_MaxEvents_ReturnsNewestOnly()
    {
        var state = NewState().With(Event("u", "a", atSeconds: 0), Event("u", "b", atSeconds: 1), Event("u", "c", atSeconds: 2));

        var recent = state.Summarize("u", maxEvents: 2)!.RecentEvents;

        Assert.Equal(["c", "b"], recent.Select(e => e.ItemId));
    }

    [Fact]
    public void Summarize_UnknownUser_IsNull() => Assert.Null(NewState().Summarize("nobody"));

    [Fact]
    public void Apply_MoreThanRecentEventsPerUser_KeepsNewestButCountsAll()
    {
        var state = NewState(new StateOptions { RecentEventsPerUser = 5 });
        for (int i = 0; i < 7; i++) state.Apply(Event("u", "i" + i, atSeconds: i));

        var summary = state.Summarize("u")!;
        Assert.Equal(7, summary.TotalEvents);
        Assert.Equal(["i6", "i5", "i4", "i3", "i2"], summary.RecentEvents.Select(e => e.ItemId));
    }

    [Fact]
    public void CopyUserEvents_SmallerDestination_CopiesNewestOldestFirst()
    {
        var state = NewState().With(Event("u", "a", atSeconds: 0), Event("u", "b", atSeconds: 1), Event("u", "c", atSeconds: 2));
        var destination = new RecentEvent[2];

        int n = state.CopyUserEvents("u", destination);

        Assert.Equal(2, n);
        Assert.Equal(IndexOf(state, "b"), destination[0].ItemIndex);
        Assert.Equal(IndexOf(state, "c"), destination[1].ItemIndex);
    }

    [Fact]
    public void UpsertItem_ThenDelete_ItemGoneButIndexKept()
    {
        var state = NewState().WithItems(Item("a", "comedy"));

        Assert.Equal("Item a", state.GetItem("a")!.Title);
        Assert.True(state.DeleteItem("a"));
        Assert.Null(state.GetItem("a"));
        Assert.False(state.DeleteItem("a"));
        Assert.Equal(1, state.ItemCount);
    }

    private static DateTimeOffset ToMinute(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds() / 60 * 60);
}
