using System.Globalization;
using LiveRank.Domain;

namespace LiveRank.Testing;

/// <summary>
/// A deterministic stream of realistic events seeded by an int: each user browses in sessions (events 30–120 s
/// apart, sessions 1–20 events, hours between sessions); items follow a Zipf popularity and, within a session,
/// often a fixed "neighbour" of the previous item, so co-visitation lists fill with heavy hitters.
/// Types: mostly views, some clicks, carts, ratings, likes, purchases and skips. Users are <c>u0…</c>, items <c>i0…</c>.
/// </summary>
public sealed class EventStreamGenerator
{
    private static readonly string[] TypeByDraw = BuildTypeTable();
    private readonly EventStreamOptions _options;
    private readonly ZipfDistribution _zipf;
    private readonly int[] _rankToItem;
    private readonly string[] _itemIds;
    private readonly int _seed;

    public EventStreamGenerator(int seed, EventStreamOptions? options = null)
    {
        _seed = seed;
        _options = options ?? new EventStreamOptions();
        _zipf = new ZipfDistribution(_options.Items, _options.ZipfExponent);
        // Popularity rank → item index, shuffled so popular items are not simply the low ids.
        _rankToItem = new int[_options.Items];
        for (int i = 0; i < _rankToItem.Length; i++) _rankToItem[i] = i;
        var random = new SplitMix64((ulong)seed ^ 0x5DEECE66DUL);
        for (int i = _rankToItem.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (_rankToItem[i], _rankToItem[j]) = (_rankToItem[j], _rankToItem[i]);
        }
        _itemIds = new string[_options.Items];
        for (int i = 0; i < _itemIds.Length; i++) _itemIds[i] = CatalogMother.ItemId(i);
    }

    public EventStreamOptions Options => _options;

    public long TotalEvents => (long)_options.Users * _options.EventsPerUser;

    public static string UserId(int user) => "u" + user.ToString(CultureInfo.InvariantCulture);

    /// <summary>Item index at popularity rank <paramref name="rank"/> (0 = most popular).</summary>
    public int ItemAtRank(int rank) => _rankToItem[rank];

    /// <summary>All events of one user, then the next user's (cheap to hold: one cursor at a time).</summary>
    public IEnumerable<UserEvent> ByUser()
    {
        for (int u = 0; u < _options.Users; u++)
        {
            var cursor = NewCursor(u);
            for (int k = 0; k < _options.EventsPerUser; k++) yield return Next(ref cursor);
        }
    }

    /// <summary>Round-robin over users, as live traffic arrives: event k of every user, then event k+1.</summary>
    public IEnumerable<UserEvent> Interleaved()
    {
        var cursors = new Cursor[_options.Users];
        for (int u = 0; u < cursors.Length; u++) cursors[u] = NewCursor(u);
        for (int k = 0; k < _options.EventsPerUser; k++)
        {
            for (int u = 0; u < cursors.Length; u++) yield return Next(ref cursors[u]);
        }
    }

    /// <summary>The interleaved stream cut into batches of <paramref name="batchSize"/>.</summary>
    public IEnumerable<UserEvent[]> Batches(int batchSize)
    {
        var batch = new List<UserEvent>(batchSize);
        foreach (var e in Interleaved())
        {
            batch.Add(e);
            if (batch.Count == batchSize)
            {
                yield return [.. batch];
                batch.Clear();
            }
        }
        if (batch.Count > 0) yield return [.. batch];
    }

    private Cursor NewCursor(int user)
    {
        int number = _options.FirstUser + user;
        var random = new SplitMix64((ulong)_seed * 1_000_003UL + (ulong)number);
        return new Cursor
        {
            Random = random,
            User = number,
            UserId = UserId(number),
            Time = CatalogMother.Epoch.ToUnixTimeSeconds() + random.Next(86_400 * 30),
            Previous = -1,
        };
    }

    private UserEvent Next(ref Cursor c)
    {
        ref var random = ref c.Random;
        int item;
        if (c.SessionLeft == 0)
        {
            c.SessionLeft = random.Next(1, 21);
            c.Time += 3_600 + random.Next(86_400 * 2);
            c.Previous = -1;
        }
        else
        {
            c.Time += random.Next(30, 121);
        }
        c.SessionLeft--;
        if (c.Previous >= 0 && random.NextDouble() < _options.FollowNeighbourProbability)
        {
            item = (c.Previous * 7 + 1 + random.Next(4)) % _options.Items; // a fixed small set of neighbours per item
        }
        else
        {
            item = _rankToItem[_zipf.Sample(ref random)];
        }
        c.Previous = item;
        string type = TypeByDraw[random.Next(TypeByDraw.Length)];
        double? value = type == "rating" ? 0.5 + random.Next(10) * 0.5 : null;
        int sequence = c.Sequence++;
        return new UserEvent
        {
            Id = (_options.ClientIds ? "e" : "g") + c.User.ToString(CultureInfo.InvariantCulture) + "-" + sequence.ToString(CultureInfo.InvariantCulture),
            HasClientId = _options.ClientIds,
            Type = type,
            UserId = c.UserId,
            ItemId = _itemIds[item],
            Timestamp = DateTimeOffset.FromUnixTimeSeconds(c.Time),
            Value = value,
        };
    }

    private static string[] BuildTypeTable()
    {
        // Shares out of 100.
        (string Type, int Share)[] mix = [("view", 70), ("click", 14), ("cart", 4), ("purchase", 2), ("rating", 6), ("like", 2), ("skip", 2)];
        var table = new List<string>(100);
        foreach (var (type, share) in mix)
        {
            for (int i = 0; i < share; i++) table.Add(type);
        }
        return [.. table];
    }

    private struct Cursor
    {
        public SplitMix64 Random;
        public int User;
        public string UserId;
        public long Time;
        public int Previous;
        public int SessionLeft;
        public int Sequence;
    }
}
