using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Testing;

/// <summary>
/// Small builders for catalog items, user events and real-time state. Times are seconds after <see cref="Epoch"/>
/// so that tests state the gaps they mean (session inactivity, half-lives) without a clock.
/// </summary>
public static class StateMother
{
    private static long s_nextId;

    /// <summary>A fixed instant every test time is measured from.</summary>
    public static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => Epoch.AddSeconds(seconds);

    /// <summary>A catalog item with the given categories and a title derived from its id.</summary>
    public static Item Item(string id, params string[] categories) => new()
    {
        Id = id,
        Title = "Item " + id,
        Categories = categories,
        CreatedAt = Epoch,
    };

    /// <summary>An event with a unique client id unless <paramref name="id"/> is given.</summary>
    public static UserEvent Event(string userId, string itemId, string type = "view", double atSeconds = 0,
        string? id = null, string? sessionId = null, double? value = null, bool hasClientId = true) => new()
    {
        Id = id ?? "ev-" + Interlocked.Increment(ref s_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Type = type,
        UserId = userId,
        ItemId = itemId,
        Timestamp = At(atSeconds),
        SessionId = sessionId,
        Value = value,
        HasClientId = hasClientId,
    };

    /// <summary>Fresh state with default (or given) options and the default event types.</summary>
    public static LiveState NewState(StateOptions? options = null, EventTypeRegistry? types = null) =>
        new(options ?? new StateOptions(), types ?? new EventTypeRegistry());

    /// <summary>Applies <paramref name="events"/> in order and returns <paramref name="state"/>.</summary>
    public static LiveState With(this LiveState state, params UserEvent[] events)
    {
        foreach (var e in events) state.Apply(e);
        return state;
    }

    /// <summary>Upserts <paramref name="items"/> and returns <paramref name="state"/>.</summary>
    public static LiveState WithItems(this LiveState state, params Item[] items)
    {
        foreach (var item in items) state.UpsertItem(item);
        return state;
    }
}
