using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Storage;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Storage;

/// <summary>Data the store tests write: a fully populated item and a deterministic mix of events.</summary>
internal static class StoreSamples
{
    /// <summary>The user whose erasure the tests check, with an id no other data contains.</summary>
    public const string Alice = "alice-7f3a9c";

    public static LiveState Reference(StoreOptions options) => new(options.State, options.CreateRegistry());

    public static Item FullItem(string id) => new()
    {
        Id = id,
        Title = "Title " + id,
        Description = "About " + id,
        Categories = ["cat-" + id[^1..], "all"],
        Price = 9.5,
        Currency = "EUR",
        Brand = "Acme",
        Tags = ["t1", "t2"],
        Attributes = new Dictionary<string, AttributeValue> { ["year"] = AttributeValue.FromNumber(1999), ["lang"] = AttributeValue.FromText("en") },
        CreatedAt = Epoch,
    };

    /// <summary>
    /// A deterministic mix of users, sessions, types and values; with <paramref name="mixedIds"/> every fifth event has a
    /// generated id and every seventh a request id, else every event carries a client id and none a request id.
    /// </summary>
    public static List<UserEvent> Events(int count, string prefix = "e", int users = 4, int items = 8, bool mixedIds = false)
    {
        string[] types = ["view", "click", "cart", "purchase", "rating", "like", "skip", "impression"];
        var random = new Random(42);
        var events = new List<UserEvent>(count);
        for (int i = 0; i < count; i++)
        {
            string type = types[random.Next(types.Length)];
            events.Add(new UserEvent
            {
                Id = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                HasClientId = !mixedIds || i % 5 != 0,
                Type = type,
                UserId = i % users == 0 ? Alice : "user" + (i % users),
                ItemId = "item" + random.Next(items),
                Timestamp = At(i * 97),
                SessionId = random.Next(3) == 0 ? "s" + (i / 10) : null,
                Value = type == "rating" ? random.Next(1, 11) * 0.5 : random.Next(4) == 0 ? random.Next(1, 5000) : null,
                RequestId = mixedIds && i % 7 == 0 ? "req-" + i : null,
            });
        }
        return events;
    }
}
