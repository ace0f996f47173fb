using System.Collections.Concurrent;
using LiveRank.Domain;
using LiveRank.Semantics;

namespace LiveRank.State;

/// <summary>
/// All real-time state in memory: catalog, per-item statistics and co-visitation, per-user recent events.
/// One writer at a time (the store serialises writes); any number of concurrent readers.
/// Every accepted event changes state synchronously, so the very next ranking sees it.
/// </summary>
public sealed class LiveState
{
    private readonly StateOptions _options;
    private readonly uint _sessionGap;
    private readonly double _decayPerSecond;
    private ItemSlot[] _items = new ItemSlot[1024];
    private int[] _itemTypeCounts;
    private readonly ConcurrentDictionary<string, UserState> _users = new(StringComparer.Ordinal);
    private long _version;

    public LiveState(StateOptions options, EventTypeRegistry types, SemanticState? semantic = null)
    {
        _options = options;
        Types = types;
        Semantic = semantic;
        _sessionGap = (uint)Math.Max(1, options.SessionInactivity.TotalSeconds);
        _decayPerSecond = Math.Log(2) / Math.Max(1, options.PopularityHalfLife.TotalSeconds);
        _itemTypeCounts = new int[_items.Length * types.Count];
        Seen = new EventDeduplicator(options.DeduplicationWindow);
    }

    public StateOptions Options => _options;

    public EventTypeRegistry Types { get; }

    /// <summary>Item vectors and user profile vectors; null when the language model is switched off.</summary>
    public SemanticState? Semantic { get; }

    internal StringInterner ItemIds { get; } = new();

    internal StringInterner CategoryIds { get; } = new();

    internal EventDeduplicator Seen { get; }

    /// <summary>Stream clock: the latest event time applied (unix seconds). Decays are measured against it.</summary>
    public uint Clock { get; private set; }

    public int UserCount => _users.Count;

    /// <summary>Every item id seen, in the catalog or only in events.</summary>
    public int ItemCount => ItemIds.Count;

    /// <summary>Items in the catalog (upserted and not deleted).</summary>
    public int CatalogCount { get; private set; }

    internal ItemSlot[] Items => _items;

    internal ConcurrentDictionary<string, UserState> Users => _users;

    /// <summary>
    /// Changes with every applied event, upsert and delete: lets readers keep something derived from the whole catalog
    /// (the retriever's popular list) until the state moves. Written by the single writer only.
    /// </summary>
    internal long Version => Volatile.Read(ref _version);

    private void Changed() => Volatile.Write(ref _version, _version + 1);

    public Item? GetItem(string id) =>
        ItemIds.TryGet(id, out int index) && index < _items.Length ? _items[index].Item : null;

    public void UpsertItem(Item item)
    {
        int index = IndexOf(item.Id);
        int[] categories = new int[item.Categories.Count];
        for (int i = 0; i < categories.Length; i++) categories[i] = CategoryIds.GetOrAdd(item.Categories[i]);
        ref ItemSlot slot = ref _items[index];
        if (slot.Item is null) CatalogCount++;
        slot.Categories = categories;
        slot.Item = item;
        Semantic?.OnItemUpserted(index, item);
        Changed();
    }

    public bool DeleteItem(string id)
    {
        if (!ItemIds.TryGet(id, out int index) || _items[index].Item is null) return false;
        _items[index].Item = null;
        _items[index].Categories = null;
        CatalogCount--;
        Semantic?.OnItemDeleted(index);
        Changed();
        return true;
    }

    /// <summary>True when an event with this client id is remembered (see <see cref="StateOptions.DeduplicationWindow"/>).</summary>
    public bool IsDuplicate(UserEvent e) => e.HasClientId && Seen.Contains(EventDeduplicator.Hash(e.Id));

    /// <summary>Applies one validated event. Returns false (and changes nothing) for a duplicate id.</summary>
    public bool Apply(UserEvent e)
    {
        byte type = TypeOf(e);
        if (e.HasClientId && !Seen.Add(EventDeduplicator.Hash(e.Id))) return false;
        Apply(e, type);
        return true;
    }

    /// <summary>
    /// Applies an event whose client id is known only by its hash (<see cref="EventDeduplicator.Hash"/>; 0 = no client id),
    /// as a shared log stores it. Returns false (and changes nothing) for a duplicate.
    /// </summary>
    internal bool ApplyHashed(UserEvent e, ulong idHash)
    {
        byte type = TypeOf(e);
        if (idHash != 0 && !Seen.Add(idHash)) return false;
        Apply(e, type);
        return true;
    }

    /// <summary>Applies an event whose id the caller has already recorded in <see cref="Seen"/> (or that has none).</summary>
    internal void ApplyNew(UserEvent e) => Apply(e, TypeOf(e));

    private byte TypeOf(UserEvent e) =>
        Types.TryGetId(e.Type, out byte type) ? type : throw new ArgumentException($"Unknown event type '{e.Type}'.", nameof(e));

    private void Apply(UserEvent e, byte type)
    {
        uint time = ToUnixSeconds(e.Timestamp);
        if (time > Clock) Clock = time;
        int item = IndexOf(e.ItemId);
        UpdateItem(item, type, time);
        Changed();

        var user = _users.GetOrAdd(e.UserId, static (_, n) => new UserState(n), Types.Count);
        lock (user)
        {
            ulong sessionKey = e.SessionId is null ? 0 : EventDeduplicator.Hash(e.SessionId);
            bool startsSession = user.Count == 0
                || (sessionKey != 0 && sessionKey != user.SessionKey)
                || (time > user.LastTime && time - user.LastTime > _sessionGap);
            if (startsSession) user.SessionCount++;
            if (sessionKey != 0) user.SessionKey = sessionKey;

            if (!startsSession && Types.PopularityWeight(type) > 0) LinkFollowers(user, item);

            if (user.Count == 0) user.BaseMinute = time / 60; // the ring never shrinks: empty means a new user
            uint minute = time / 60 > user.BaseMinute ? time / 60 - user.BaseMinute : 0;
            user.Append(new RecentEvent(item, type, minute, CompactValue.Encode(e.Value), startsSession), _options.RecentEventsPerUser);
            if (time > user.LastTime) user.LastTime = time;
            user.TypeCounts[type]++;
            Semantic?.OnEvent(user, e.UserId, item, _items[item].Item is not null,
                Types.InterestWeight(type, e.Value is double v ? (float)v : float.NaN), time, startsSession);
        }
    }

    /// <summary>Removes the user's real-time state. Aggregates (popularity, co-visitation) are anonymous and stay.</summary>
    public bool ForgetUser(string userId) => _users.TryRemove(userId, out _);

    public bool HasUser(string userId) => _users.ContainsKey(userId);

    /// <summary>
    /// Retention: forgets every user whose latest event is before <paramref name="cutoff"/> (state, counters, profile
    /// and narrative vectors), and drops older events from the rings of the others. The others' counters and profile
    /// vectors (decayed sums) stay. Anonymous aggregates (popularity, co-visitation) stay. Called by the single writer.
    /// </summary>
    public (int UsersForgotten, long EventsDropped) ExpireBefore(DateTimeOffset cutoff)
    {
        uint cutoffSeconds = ToUnixSeconds(cutoff);
        uint cutoffMinute = cutoffSeconds / 60;
        int forgotten = 0;
        long dropped = 0;
        foreach (var (userId, user) in _users)
        {
            lock (user)
            {
                if (user.LastTime < cutoffSeconds)
                {
                    dropped += user.Count;
                    if (_users.TryRemove(userId, out _)) forgotten++;
                    continue;
                }
                dropped += user.DropBefore(cutoffMinute);
            }
        }
        if (forgotten > 0 || dropped > 0) Changed();
        return (forgotten, dropped);
    }

    /// <summary>
    /// Copies the user's profile vectors as unit vectors (each destination holds <see cref="SemanticState.Dimension"/>
    /// floats); a profile the user does not have is left untouched and its flag is clear.
    /// </summary>
    public ProfileParts CopyProfile(string userId, Span<float> session, Span<float> longTerm, Span<float> narrative)
    {
        if (Semantic is null || !_users.TryGetValue(userId, out var user)) return ProfileParts.None;
        lock (user)
        {
            if (user.Profile is not { } p) return ProfileParts.None;
            var parts = ProfileParts.None;
            if (p.HasSession && UserProfile.CopyUnit(p.Session, session)) parts |= ProfileParts.Session;
            if (p.HasLongTerm && UserProfile.CopyUnit(p.LongTerm, longTerm)) parts |= ProfileParts.LongTerm;
            if (p.Narrative is { } n)
            {
                System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(n, narrative);
                parts |= ProfileParts.Narrative;
            }
            return parts;
        }
    }

    /// <summary>
    /// True when <paramref name="sessionId"/> names a session other than the user's current one: the next event in it
    /// would start a new session, so the current session's intent no longer applies. False for no id or an unknown user.
    /// </summary>
    public bool IsNewSession(string userId, string? sessionId)
    {
        if (sessionId is null || !_users.TryGetValue(userId, out var user)) return false;
        ulong key = EventDeduplicator.Hash(sessionId);
        lock (user) return user.Count > 0 && key != user.SessionKey;
    }

    /// <summary>Copies the user's recent events (oldest first) into <paramref name="destination"/>; 0 for an unknown user.</summary>
    public int CopyUserEvents(string userId, Span<RecentEvent> destination) => CopyUserEvents(userId, destination, out _);

    /// <summary>As <see cref="CopyUserEvents(string, Span{RecentEvent})"/>, with the base minute the events' times count from.</summary>
    public int CopyUserEvents(string userId, Span<RecentEvent> destination, out uint baseMinute)
    {
        baseMinute = 0;
        if (!_users.TryGetValue(userId, out var user)) return 0;
        lock (user)
        {
            baseMinute = user.BaseMinute;
            return user.Count <= destination.Length ? user.CopyTo(destination) : user.CopyNewest(destination);
        }
    }

    /// <summary>Ids of the users the state holds (a moment's view; users may come and go meanwhile).</summary>
    public IEnumerable<string> UserIds => _users.Keys;

    /// <summary>Every event each user's ring still holds, oldest first per user (times at minute resolution), for training.</summary>
    public IEnumerable<UserEvent> RecentEvents()
    {
        var buffer = new RecentEvent[_options.RecentEventsPerUser];
        foreach (string userId in _users.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var e in RecentEventsOf(userId, buffer)) yield return e;
        }
    }

    /// <summary>The events one user's ring holds, oldest first (times at minute resolution); empty for an unknown user.</summary>
    public IReadOnlyList<UserEvent> RecentEventsOf(string userId) => RecentEventsOf(userId, new RecentEvent[_options.RecentEventsPerUser]);

    private List<UserEvent> RecentEventsOf(string userId, RecentEvent[] buffer)
    {
        int count = CopyUserEvents(userId, buffer, out uint baseMinute);
        var events = new List<UserEvent>(count);
        for (int i = 0; i < count; i++)
        {
            var e = buffer[i];
            float value = e.Value;
            events.Add(new UserEvent
            {
                Id = "",
                HasClientId = false,
                Type = Types.NameOf(e.Type),
                UserId = userId,
                ItemId = ItemIds.NameOf(e.ItemIndex),
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(e.UnixSeconds(baseMinute)),
                Value = float.IsNaN(value) ? null : value,
            });
        }
        return events;
    }

    /// <summary>The catalog's items (upserted and not deleted).</summary>
    public IEnumerable<Item> CatalogItems()
    {
        var items = _items;
        int count = Math.Min(items.Length, ItemIds.Count);
        for (int i = 0; i < count; i++)
            if (items[i].Item is { } item) yield return item;
    }

    public UserSummary? Summarize(string userId, int maxEvents = 50)
    {
        if (!_users.TryGetValue(userId, out var user)) return null;
        RecentEvent[] events;
        var counts = new Dictionary<string, int>();
        long total;
        int sessions;
        uint last, baseMinute;
        lock (user)
        {
            baseMinute = user.BaseMinute;
            events = new RecentEvent[user.Count];
            user.CopyTo(events);
            for (byte t = 0; t < user.TypeCounts.Length; t++)
            {
                if (user.TypeCounts[t] > 0) counts[Types.NameOf(t)] = user.TypeCounts[t];
            }
            total = user.TotalEvents;
            sessions = user.SessionCount;
            last = user.LastTime;
        }
        var recent = new List<RecentEventView>(Math.Min(maxEvents, events.Length));
        for (int i = events.Length - 1; i >= 0 && recent.Count < maxEvents; i--)
        {
            var e = events[i];
            float v = e.Value;
            recent.Add(new RecentEventView(Types.NameOf(e.Type), ItemIds.NameOf(e.ItemIndex),
                DateTimeOffset.FromUnixTimeSeconds(e.UnixSeconds(baseMinute)), float.IsNaN(v) ? null : v, e.StartsSession));
        }
        return new UserSummary
        {
            UserId = userId,
            TotalEvents = total,
            EventCounts = counts,
            Sessions = sessions,
            LastEventAt = events.Length == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(last),
            RecentEvents = recent,
        };
    }

    /// <summary>
    /// All-time popularity of an item: the sum of its events' popularity weights, never decayed (0 for an unknown item).
    /// For views of the catalog such as the demo page's upstream list; ranking reads the slots directly.
    /// </summary>
    public float AllTimePopularity(string itemId) =>
        ItemIds.TryGet(itemId, out int index) && index < _items.Length ? _items[index].AllTime : 0;

    /// <summary>Trending popularity of an item index at the stream clock.</summary>
    internal float TrendAt(int item, uint now)
    {
        var items = _items;
        if ((uint)item >= (uint)items.Length) return 0;
        ref readonly ItemSlot slot = ref items[item];
        if (slot.Trend == 0) return 0;
        uint age = now > slot.TrendTime ? now - slot.TrendTime : 0;
        return slot.Trend * (float)Math.Exp(-_decayPerSecond * age);
    }

    internal int ItemTypeCount(int item, byte type)
    {
        var counts = _itemTypeCounts;
        int at = item * Types.Count + type;
        return (uint)at < (uint)counts.Length ? counts[at] : 0;
    }

    public static uint ToUnixSeconds(DateTimeOffset t) => (uint)Math.Clamp(t.ToUnixTimeSeconds(), 0, uint.MaxValue);

    private void UpdateItem(int item, byte type, uint time)
    {
        _itemTypeCounts[item * Types.Count + type]++;
        float w = Types.PopularityWeight(type);
        if (w <= 0) return;
        ref ItemSlot slot = ref _items[item];
        slot.AllTime += w;
        // Decay towards the later of the two times; an out-of-order (older) event is discounted instead.
        if (time >= slot.TrendTime)
        {
            slot.Trend = slot.Trend * (float)Math.Exp(-_decayPerSecond * (time - slot.TrendTime)) + w;
            slot.TrendTime = time;
        }
        else
        {
            slot.Trend += w * (float)Math.Exp(-_decayPerSecond * (slot.TrendTime - time));
        }
    }

    /// <summary>Links the earlier events of the current session to <paramref name="item"/>: nearer ones count more.</summary>
    private void LinkFollowers(UserState user, int item)
    {
        int n = user.Count;
        if (n == 0) return;
        int window = _options.CoVisitationWindow;
        // The window counts linked events, not ring slots, so look a little further back than the window itself.
        Span<RecentEvent> recent = stackalloc RecentEvent[Math.Min(n, 64)];
        recent = recent[..user.CopyNewest(recent)];
        int distance = 0;
        for (int i = recent.Length - 1; i >= 0 && distance < window; i--)
        {
            var prev = recent[i];
            if (Types.PopularityWeight(prev.Type) > 0 && prev.ItemIndex != item)
            {
                distance++;
                ref ItemSlot slot = ref _items[prev.ItemIndex];
                slot.Followers ??= new CoVisitationList();
                slot.Followers.Add(item, 1f / distance, _options.CoVisitationPerItem);
            }
            if (prev.StartsSession) break;
        }
    }

    private int IndexOf(string itemId)
    {
        int index = ItemIds.GetOrAdd(itemId);
        if (index > RecentEvent.MaxItemIndex)
            throw new InvalidOperationException($"More than {RecentEvent.MaxItemIndex + 1} items are not supported.");
        if (index >= _items.Length) Grow(index + 1);
        return index;
    }

    private void Grow(int needed)
    {
        int size = Math.Max(needed, _items.Length * 2);
        var items = new ItemSlot[size];
        _items.AsSpan().CopyTo(items);
        var counts = new int[size * Types.Count];
        _itemTypeCounts.AsSpan().CopyTo(counts);
        _itemTypeCounts = counts;
        _items = items;
    }

    /// <summary>
    /// Recomputes a user's profile vectors from the recent-event ring (used when events arrived before their items'
    /// vectors existed, and after a start from a snapshot without profiles). False when the profile is still
    /// incomplete (an event's catalog item has no vector yet); true when complete or the user is unknown.
    /// </summary>
    internal bool RebuildProfile(string userId)
    {
        if (Semantic is not { } semantic || !_users.TryGetValue(userId, out var user)) return true;
        lock (user)
        {
            var events = new RecentEvent[user.Count];
            user.CopyTo(events);
            return semantic.Rebuild(user, events, Types, InCatalog);
        }
    }

    private bool InCatalog(int item)
    {
        var items = _items;
        return (uint)item < (uint)items.Length && items[item].Item is not null;
    }

    /// <summary>Stores the encoded narrative of a user (called by the background refresher). False for an unknown user.</summary>
    internal bool SetNarrative(string userId, ReadOnlySpan<float> unitVector, ulong textHash)
    {
        if (Semantic is not { } semantic || !_users.TryGetValue(userId, out var user)) return false;
        lock (user)
        {
            var profile = user.Profile ??= new UserProfile(semantic.Dimension);
            var narrative = profile.Narrative ?? new Half[semantic.Dimension];
            System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(unitVector, narrative);
            profile.Narrative = narrative;
            profile.NarrativeHash = textHash;
        }
        return true;
    }

    /// <summary>Hash of the narrative text the user's narrative vector was encoded from; 0 when there is none.</summary>
    internal ulong NarrativeHashOf(string userId)
    {
        if (!_users.TryGetValue(userId, out var user)) return 0;
        lock (user) return user.Profile?.Narrative is null ? 0 : user.Profile.NarrativeHash;
    }

    internal void RestoreClock(uint clock) => Clock = clock;

    internal void RestoreItemTypeCounts(int item, ReadOnlySpan<int> counts)
    {
        if (item >= _items.Length) Grow(item + 1);
        counts.CopyTo(_itemTypeCounts.AsSpan(item * Types.Count, Types.Count));
    }

    internal int EnsureItem(string id) => IndexOf(id);

    internal void RestoreUser(string userId, UserState state) => _users[userId] = state;
}
