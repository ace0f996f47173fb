using System.Collections.Concurrent;
using System.Threading.Channels;
using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Semantics;

/// <summary>
/// The language-model side of real-time state, attached to one <see cref="LiveState"/>: item vectors (from the
/// persistent cache at once, else queued for the background <see cref="ItemVectorIndexer"/>), and per-user profile
/// vectors updated synchronously on every event in O(dimension). No LM call ever happens here: the state writer
/// only renders, hashes, looks up and adds.
/// </summary>
public sealed class SemanticState
{
    [ThreadStatic] private static float[]? t_scratch;

    private readonly Channel<int> _queue;
    private readonly ConcurrentDictionary<string, byte> _narrativesDue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _profilesDue = new(StringComparer.Ordinal);
    private readonly double _sessionDecay;
    private readonly double _longTermDecay;
    private int _overflowed;
    private long _cacheHits;
    private long _queued;
    private long _dropped;

    public SemanticState(SemanticOptions options, string modelId, int dimension, EmbeddingCache cache, Func<Item, string> renderItem)
    {
        if (cache.Dimension != dimension || cache.ModelId != modelId)
            throw new ArgumentException($"The vector cache is for {cache.ModelId} ({cache.Dimension} dimensions), not {modelId} ({dimension}).", nameof(cache));
        Options = options;
        ModelId = modelId;
        Dimension = dimension;
        Cache = cache;
        RenderItem = renderItem;
        Items = new ItemVectorTable(dimension, options.Precision);
        _queue = Channel.CreateBounded<int>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; the overflow flag schedules a sweep
            SingleReader = true,
        });
        _sessionDecay = Math.Log(2) / Math.Max(1, options.SessionHalfLife.TotalSeconds);
        _longTermDecay = Math.Log(2) / Math.Max(1, options.LongTermHalfLife.TotalSeconds);
    }

    public SemanticOptions Options { get; }

    /// <summary>Id of the encoder whose vectors these are.</summary>
    public string ModelId { get; }

    public int Dimension { get; }

    public ItemVectorTable Items { get; }

    public EmbeddingCache Cache { get; }

    /// <summary>Item → the text the encoder reads (the catalog's template).</summary>
    public Func<Item, string> RenderItem { get; }

    /// <summary>Items whose vector came from the cache when they were upserted.</summary>
    public long CacheHits => Interlocked.Read(ref _cacheHits);

    /// <summary>Items handed to the background indexer.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Items that found the queue full (encoded later by a sweep).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Items waiting in the queue now.</summary>
    public int QueueLength => _queue.Reader.CanCount ? _queue.Reader.Count : 0;

    /// <summary>When true, every event marks its user's narrative for re-encoding (set by the narrative refresher).</summary>
    public bool TracksNarratives { get; set; }

    internal ChannelReader<int> Pending => _queue.Reader;

    /// <summary>True once since the last call if an item could not be queued: the indexer then sweeps the catalog.</summary>
    internal bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    /// <summary>Users whose narrative changed since the refresher last looked; the caller removes what it takes.</summary>
    internal ConcurrentDictionary<string, byte> NarrativesDue => _narrativesDue;

    /// <summary>Users whose profile missed an item vector; the indexer rebuilds them when its queue is empty.</summary>
    internal ConcurrentDictionary<string, byte> ProfilesDue => _profilesDue;

    internal static Span<float> Scratch(int length)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < length) t_scratch = scratch = new float[length];
        return scratch.AsSpan(0, length);
    }

    /// <summary>Forgets every item vector and pending task (the state it belonged to was discarded during recovery).</summary>
    internal void Reset()
    {
        Items.ClearAll();
        while (_queue.Reader.TryRead(out _)) { }
        _profilesDue.Clear();
        _narrativesDue.Clear();
        Volatile.Write(ref _overflowed, 0);
    }

    /// <summary>Called by the state writer for every upsert: a vector from the cache now, or a place in the queue.</summary>
    internal void OnItemUpserted(int index, Item item)
    {
        string text = RenderItem(item);
        ulong hash = EmbeddingCache.HashText(text);
        if (Items.IsCurrent(index, hash)) return;
        var vector = Scratch(Dimension);
        if (Cache.TryGet(hash, vector))
        {
            Items.Set(index, vector, hash);
            Interlocked.Increment(ref _cacheHits);
            return;
        }
        // A changed item keeps its old vector until the new one is ready: stale meaning beats none.
        if (_queue.Writer.TryWrite(index)) Interlocked.Increment(ref _queued);
        else
        {
            Interlocked.Increment(ref _dropped);
            Volatile.Write(ref _overflowed, 1);
        }
    }

    internal void OnItemDeleted(int index) => Items.Clear(index);

    /// <summary>
    /// Folds one event into the user's profiles (under the user's lock). The weight is the event type's interest
    /// weight (negative for a skip or a low rating, which pushes the profile away from the item).
    /// </summary>
    internal void OnEvent(UserState user, string userId, int item, bool inCatalog, float weight, uint time, bool startsSession)
    {
        if (startsSession && user.Profile is { } ended) ended.HasSession = false;
        if (TracksNarratives) _narrativesDue.TryAdd(userId, 0);
        if (weight == 0) return;
        var vector = Scratch(Dimension);
        if (!Items.TryCopy(item, vector))
        {
            // The item's vector is still being encoded: rebuild this user's profile once the indexer catches up.
            if (inCatalog) _profilesDue.TryAdd(userId, 0);
            return;
        }
        Accumulate(user.Profile ??= new UserProfile(Dimension), vector, weight, time);
    }

    /// <summary>
    /// Recomputes the session and long-term profiles from the user's recent events (oldest first). False when an
    /// event's catalog item still has no vector: the profile is then incomplete and the user stays due.
    /// </summary>
    internal bool Rebuild(UserState user, ReadOnlySpan<RecentEvent> events, EventTypeRegistry types, Func<int, bool> inCatalog)
    {
        bool complete = true;
        var profile = user.Profile ??= new UserProfile(Dimension);
        profile.HasSession = profile.HasLongTerm = false;
        var vector = Scratch(Dimension);
        foreach (var e in events)
        {
            if (e.StartsSession) profile.HasSession = false;
            float weight = types.InterestWeight(e.Type, e.Value);
            if (weight == 0) continue;
            if (!Items.TryCopy(e.ItemIndex, vector))
            {
                complete &= !inCatalog(e.ItemIndex);
                continue;
            }
            uint time = (uint)Math.Clamp(e.UnixSeconds(user.BaseMinute), 0, uint.MaxValue);
            Accumulate(profile, vector, weight, time);
        }
        return complete;
    }

    private void Accumulate(UserProfile profile, ReadOnlySpan<float> itemVector, float weight, uint time)
    {
        if (!profile.HasSession)
        {
            Array.Clear(profile.Session);
            profile.SessionTime = time;
        }
        if (!profile.HasLongTerm)
        {
            Array.Clear(profile.LongTerm);
            profile.LongTermTime = time;
        }
        uint at = profile.SessionTime;
        UserProfile.Accumulate(profile.Session, ref at, time, _sessionDecay, weight, itemVector);
        profile.SessionTime = at;
        at = profile.LongTermTime;
        UserProfile.Accumulate(profile.LongTerm, ref at, time, _longTermDecay, weight, itemVector);
        profile.LongTermTime = at;
        profile.HasSession = true;
        profile.HasLongTerm = true;
    }
}
