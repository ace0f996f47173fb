using LiveRank.State;

namespace LiveRank.Policies;

/// <summary>What the purchase and recently-seen filters read about a user: item indices from the user's recent events.</summary>
public sealed class UserExposure
{
    private readonly HashSet<int> _purchased = [];
    private readonly HashSet<int> _seen = [];

    private UserExposure()
    {
    }

    public static UserExposure Empty { get; } = new();

    /// <summary>Reads the user's event ring once: purchases, and items with any event at or after <paramref name="seenSince"/>.</summary>
    public static UserExposure Read(LiveState state, string userId, DateTimeOffset? seenSince)
    {
        var events = new RecentEvent[state.Options.RecentEventsPerUser];
        int count = state.CopyUserEvents(userId, events, out uint baseMinute);
        if (count == 0) return Empty;
        // The ring keeps minutes: an event counts as seen when its minute overlaps the window.
        long since = seenSince is { } s ? s.ToUnixTimeSeconds() - 59 : long.MaxValue;
        var exposure = new UserExposure();
        for (int i = 0; i < count; i++)
        {
            var e = events[i];
            if (state.Types.IsPurchase(e.Type)) exposure._purchased.Add(e.ItemIndex);
            if (e.UnixSeconds(baseMinute) >= since) exposure._seen.Add(e.ItemIndex);
        }
        return exposure;
    }

    public bool Purchased(int itemIndex) => itemIndex >= 0 && _purchased.Contains(itemIndex);

    public bool SeenRecently(int itemIndex) => itemIndex >= 0 && _seen.Contains(itemIndex);
}
