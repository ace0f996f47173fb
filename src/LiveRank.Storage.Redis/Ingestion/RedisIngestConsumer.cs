using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveRank.Domain;
using StackExchange.Redis;

namespace LiveRank.Storage.Redis.Ingestion;

/// <summary>
/// Streaming ingestion: producers <c>XADD {prefix}:ingest * event &lt;json&gt;</c>; every replica runs one consumer in
/// the group <see cref="IngestConsumerOptions.Group"/>, so each message reaches one replica. At least once: a message is
/// acknowledged (XACK) only after the store acknowledged its event, and one left unacknowledged (a consumer died, Redis
/// was away) is claimed again after <see cref="IngestConsumerOptions.ClaimIdle"/>; event ids make the redelivery a
/// duplicate, not a second event. A message that cannot become an event (malformed, invalid) is a poison message: it
/// goes to <c>{prefix}:ingest:dead</c> with the reason and is acknowledged; the consumer never stops for it.
/// Lag (messages not yet delivered to the group) and pending (delivered, not acknowledged) are gauges of the
/// <c>LiveRank</c> meter.
/// </summary>
public sealed class RedisIngestConsumer : IAsyncDisposable
{
    public const string EventField = "event";

    private const int BlockMilliseconds = 1000;

    private static readonly Meter s_meter = new("LiveRank");
    private static readonly ConcurrentDictionary<RedisIngestConsumer, byte> s_live = new();
    private static readonly Counter<long> s_consumed = s_meter.CreateCounter<long>("liverank.ingest.messages", "{message}",
        "Stream messages consumed and acknowledged (events and dead letters).");
    private static readonly Counter<long> s_dead = s_meter.CreateCounter<long>("liverank.ingest.dead_letters", "{message}",
        "Poison messages moved to the dead-letter stream.");

    static RedisIngestConsumer()
    {
        s_meter.CreateObservableGauge("liverank.ingest.lag", () => Sum(c => c.Lag), "{message}",
            "Messages in the ingest stream not yet delivered to the consumer group.");
        s_meter.CreateObservableGauge("liverank.ingest.pending", () => Sum(c => c.Pending), "{message}",
            "Messages delivered to the group but not yet acknowledged.");
    }

    private readonly RedisStateStore _store;
    private readonly IngestDecoder _decode;
    private readonly IngestConsumerOptions _options;
    private readonly string _consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    private ConnectionMultiplexer? _blocking;
    private long _lag;
    private long _pending;
    private long _consumedTotal;
    private long _deadTotal;

    public RedisIngestConsumer(RedisStateStore store, IngestDecoder decode, IngestConsumerOptions options)
    {
        _store = store;
        _decode = decode;
        _options = options;
    }

    /// <summary>Messages not yet delivered to the group, as last measured (about once a second).</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>Messages delivered but not acknowledged, as last measured.</summary>
    public long Pending => Interlocked.Read(ref _pending);

    public long Consumed => Interlocked.Read(ref _consumedTotal);

    public long DeadLettered => Interlocked.Read(ref _deadTotal);

    /// <summary>Consumes until <paramref name="cancellationToken"/> fires. Survives Redis outages and bad messages.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var keys = _store.Keys;
        // XREADGROUP blocks: on its own connection it never delays the store's requests.
        _blocking = await ConnectionMultiplexer.ConnectAsync(
            _store.Target.Configuration("liverank-ingest", BlockMilliseconds + _store.Timeouts.RequestMilliseconds));
        var blocking = _blocking.GetDatabase();
        var db = _store.Connection.GetDatabase();
        s_live[this] = 0;
        var lastClaim = Stopwatch.StartNew();
        var lastMeasure = Stopwatch.StartNew();
        bool groupReady = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (!groupReady) groupReady = await EnsureGroupAsync(db, keys.Ingest);
                    if (lastClaim.Elapsed >= _options.ClaimIdle / 2)
                    {
                        await ClaimStaleAsync(db, keys, cancellationToken);
                        lastClaim.Restart();
                    }
                    var result = await blocking.ExecuteAsync("XREADGROUP", "GROUP", _options.Group, _consumer, "COUNT", _options.BatchSize,
                        "BLOCK", BlockMilliseconds, "STREAMS", (RedisKey)keys.Ingest, ">");
                    if (!result.IsNull)
                    {
                        var streams = (RedisResult[])result!;
                        await HandleAsync(db, keys, (RedisResult[])((RedisResult[])streams[0]!)[1]!, cancellationToken);
                    }
                    if (lastMeasure.ElapsedMilliseconds >= 1000)
                    {
                        await MeasureAsync(db, keys.Ingest);
                        lastMeasure.Restart();
                    }
                }
                catch (Exception) when (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or StoreUnavailableException)
                {
                    // Redis away or the group gone with a restart: unacknowledged messages stay pending and are claimed later.
                    if (ex is RedisServerException { Message: var m } && m.StartsWith("NOGROUP", StringComparison.Ordinal)) groupReady = false;
                    await Task.Delay(200, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            s_live.TryRemove(this, out _);
        }
    }

    /// <summary>Measures lag and pending now (also done about once a second while running).</summary>
    public async Task MeasureAsync()
    {
        await MeasureAsync(_store.Connection.GetDatabase(), _store.Keys.Ingest);
    }

    public async ValueTask DisposeAsync()
    {
        s_live.TryRemove(this, out _);
        if (_blocking is null) return;
        await _blocking.CloseAsync(allowCommandsToComplete: false); // ends a blocked XREADGROUP at once
        await _blocking.DisposeAsync();
    }

    private async Task<bool> EnsureGroupAsync(IDatabase db, string stream)
    {
        try
        {
            // From the beginning: messages produced before the first replica started are consumed too.
            await db.ExecuteAsync("XGROUP", "CREATE", (RedisKey)stream, _options.Group, "0", "MKSTREAM");
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another replica (or an earlier run) created it.
        }
        return true;
    }

    /// <summary>Takes over messages another consumer (or this one, when the store was away) left unacknowledged too long.</summary>
    private async Task ClaimStaleAsync(IDatabase db, RedisKeys keys, CancellationToken ct)
    {
        string cursor = "0-0";
        for (int round = 0; round < 100; round++)
        {
            var result = (RedisResult[])(await db.ExecuteAsync("XAUTOCLAIM", (RedisKey)keys.Ingest, _options.Group, _consumer,
                (long)_options.ClaimIdle.TotalMilliseconds, cursor, "COUNT", _options.BatchSize))!;
            cursor = (string)result[0]!;
            var entries = (RedisResult[])result[1]!;
            if (entries.Length > 0) await HandleAsync(db, keys, entries, ct);
            if (cursor == "0-0") return;
        }
    }

    private async Task HandleAsync(IDatabase db, RedisKeys keys, RedisResult[] entries, CancellationToken ct)
    {
        var events = new List<UserEvent>(entries.Length);
        var eventIds = new List<RedisValue>(entries.Length);
        var done = new List<RedisValue>(entries.Length);
        foreach (var raw in entries)
        {
            var entry = (RedisResult[])raw!;
            string id = (string)entry[0]!;
            if (entry[1].IsNull)
            {
                done.Add(id); // deleted from the stream after delivery: nothing to ingest
                continue;
            }
            var fields = (RedisResult[])entry[1]!;
            byte[]? payload = null;
            for (int f = 0; f + 1 < fields.Length; f += 2)
            {
                if ((string?)fields[f] == EventField) payload = (byte[]?)fields[f + 1];
            }
            string? error;
            UserEvent? e;
            if (payload is null)
            {
                e = null;
                error = $"The message has no '{EventField}' field.";
            }
            else
            {
                try
                {
                    e = _decode(id, payload, out error);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    e = null;
                    error = "The decoder failed: " + ex.Message;
                }
            }
            if (e is null)
            {
                await DeadLetterAsync(db, keys, id, payload, error ?? "The message is not a valid event.");
                done.Add(id);
                continue;
            }
            events.Add(e);
            eventIds.Add(id);
        }
        if (events.Count > 0)
        {
            try
            {
                await _store.AppendEventsAsync(events, ct);
                done.AddRange(eventIds);
            }
            catch (ArgumentException)
            {
                // The store refused the batch for one event (a type this replica does not know): find it, one at a time.
                for (int i = 0; i < events.Count; i++)
                {
                    try
                    {
                        await _store.AppendEventsAsync([events[i]], ct);
                    }
                    catch (ArgumentException ex)
                    {
                        await DeadLetterAsync(db, keys, (string)eventIds[i]!, null, "The store refused the event: " + ex.Message);
                    }
                    done.Add(eventIds[i]);
                }
            }
        }
        if (done.Count > 0)
        {
            await db.StreamAcknowledgeAsync(keys.Ingest, _options.Group, done.ToArray());
            Interlocked.Add(ref _consumedTotal, done.Count);
            s_consumed.Add(done.Count);
        }
    }

    private async Task DeadLetterAsync(IDatabase db, RedisKeys keys, string messageId, byte[]? payload, string reason)
    {
        await db.StreamAddAsync(keys.DeadLetters,
            [new NameValueEntry("id", messageId), new NameValueEntry(EventField, payload ?? []), new NameValueEntry("reason", reason),
             new NameValueEntry("consumer", _consumer)],
            maxLength: _options.DeadLetterLimit, useApproximateMaxLength: true);
        Interlocked.Increment(ref _deadTotal);
        s_dead.Add(1);
    }

    private async Task MeasureAsync(IDatabase db, string stream)
    {
        var groups = (RedisResult[])(await db.ExecuteAsync("XINFO", "GROUPS", (RedisKey)stream))!;
        foreach (var raw in groups)
        {
            var fields = (RedisResult[])raw!;
            string? name = null;
            long lag = 0, pending = 0;
            for (int f = 0; f + 1 < fields.Length; f += 2)
            {
                switch ((string?)fields[f])
                {
                    case "name": name = (string?)fields[f + 1]; break;
                    case "lag": lag = fields[f + 1].IsNull ? 0 : (long)fields[f + 1]; break; // null: Redis cannot tell after deletions
                    case "pending": pending = (long)fields[f + 1]; break;
                }
            }
            if (name != _options.Group) continue;
            Interlocked.Exchange(ref _lag, lag);
            Interlocked.Exchange(ref _pending, pending);
        }
    }

    private static long Sum(Func<RedisIngestConsumer, long> figure)
    {
        long total = 0;
        foreach (var consumer in s_live.Keys) total += figure(consumer);
        return total;
    }
}
