using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using LiveRank.Domain;
using LiveRank.Semantics;
using LiveRank.State;
using StackExchange.Redis;

namespace LiveRank.Storage.Redis;

/// <summary>
/// The shared store for many stateless replicas: Redis holds the truth, each replica holds a <see cref="LiveState"/>
/// built from it. Every write is appended to one Redis stream (the replicated log, <see cref="RedisKeys"/>); every
/// replica, the writer included, applies the log in stream order on one background reader, so all replicas compute the
/// same state from the same sequence, and a duplicate event id is decided the same way everywhere (first in the log
/// wins). A write returns once Redis acknowledged it and this replica applied it, so the caller's next ranking here sees
/// it; a ranking elsewhere calls <see cref="CatchUpAsync"/> — one round trip that reads the log's head — and waits until
/// its reader has applied up to there, so it sees every write acknowledged anywhere before the ranking began.
/// Snapshots of state go to Redis too and trim the log behind them, so memory holds state plus the writes since.
/// With Redis down, writes throw <see cref="StoreUnavailableException"/> (never a silent drop) and rankings answer
/// from local state; the client reconnects on its own and the reader resumes where it stopped.
/// </summary>
public sealed class RedisStateStore : IStateStore
{
    private const int ReadBatch = 1000;
    private const int BlockMilliseconds = 1000;
    private const int SnapshotChunkBytes = 4 << 20;

    // Returns the newest entry id of the log (or 0-0): one round trip, without shipping the entry itself.
    private const string HeadScript =
        "local r = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1) if #r == 0 then return '0-0' end return r[1][1]";

    // Deletes the snapshot lock only if this replica still holds it.
    private const string UnlockScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly ConnectionMultiplexer _connection;
    private readonly ConnectionMultiplexer _readerConnection;
    private readonly IDatabase _db;
    private readonly RedisKeys _keys;
    private readonly RedisStoreTimeouts _timeouts;
    private readonly ulong _writerId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private readonly Lock _applyLock = new();
    private readonly Lock _positionLock = new();
    private readonly ConcurrentDictionary<LogPosition, int> _ownResults = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private LogPosition _applied;
    private TaskCompletionSource _progress = NewPulse();
    private Task? _reader;
    private long _eventsLogged;
    private long _skippedEntries;
    private long _entriesSinceSnapshot;
    private int _snapshotRunning;
    private readonly int _snapshotEvery;
    private DateTimeOffset? _lastSnapshot;
    private int _disposed;

    private RedisStateStore(ConnectionMultiplexer connection, ConnectionMultiplexer readerConnection, RedisConnection target, LiveState state,
        RedisStoreTimeouts timeouts, int snapshotEvery)
    {
        Target = target;
        _connection = connection;
        _readerConnection = readerConnection;
        _db = connection.GetDatabase();
        _keys = new RedisKeys(target.Prefix);
        _timeouts = timeouts;
        _snapshotEvery = snapshotEvery;
        State = state;
    }

    public LiveState State { get; }

    public StoreStatistics Statistics =>
        new("redis", State.CatalogCount, State.UserCount, Interlocked.Read(ref _eventsLogged), 0, _lastSnapshot);

    /// <summary>True while the request connection to Redis is up.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Log entries this replica could not decode (written by a newer or differently configured replica) and skipped.</summary>
    public long SkippedEntries => Interlocked.Read(ref _skippedEntries);

    /// <summary>The connection this store writes through (shared with the streaming ingestion consumer).</summary>
    internal ConnectionMultiplexer Connection => _connection;

    internal RedisKeys Keys => _keys;

    /// <summary>The stream producers write events to for streaming ingestion (<c>{prefix}:ingest</c>).</summary>
    public string IngestStream => _keys.Ingest;

    internal RedisConnection Target { get; }

    internal RedisStoreTimeouts Timeouts => _timeouts;

    /// <summary>Makes <c>redis://</c> connection strings open this store through <see cref="StateStoreFactory"/>.</summary>
    public static void Register() =>
        StateStoreFactory.Register(StoreKind.Redis, async (connection, options, progress, semantic, ct) =>
            await OpenAsync(connection.Target, options, progress, semantic, null, ct));

    /// <summary>
    /// Connects to <c>host:port[/prefix]</c>, loads the newest snapshot and applies the log after it, then follows the log.
    /// Throws <see cref="StoreUnavailableException"/> when Redis does not answer within the connect timeout.
    /// </summary>
    public static async Task<RedisStateStore> OpenAsync(string target, StoreOptions options, IProgress<RecoveryProgress>? progress = null,
        SemanticState? semantic = null, RedisStoreTimeouts? timeouts = null, CancellationToken cancellationToken = default)
    {
        var parsed = RedisConnection.Parse(target);
        timeouts ??= new RedisStoreTimeouts();
        var connection = await ConnectAsync(parsed.Configuration("liverank", timeouts.RequestMilliseconds), parsed, timeouts, cancellationToken);
        ConnectionMultiplexer? reader = null;
        try
        {
            // The reader blocks in XREAD; on its own connection it never delays a request.
            reader = await ConnectAsync(parsed.Configuration("liverank-reader", BlockMilliseconds + timeouts.RequestMilliseconds), parsed,
                timeouts, cancellationToken);
            var state = new LiveState(options.State, options.CreateRegistry(), semantic);
            var store = new RedisStateStore(connection, reader, parsed, state, timeouts, options.SnapshotEveryRecords);
            await store.RecoverAsync(progress, cancellationToken);
            store._reader = Task.Run(store.FollowAsync, CancellationToken.None);
            return store;
        }
        catch
        {
            if (reader is not null) await reader.DisposeAsync();
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration, RedisConnection target,
        RedisStoreTimeouts timeouts, CancellationToken ct)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        var waited = Stopwatch.StartNew();
        while (!connection.IsConnected && waited.ElapsedMilliseconds < timeouts.OpenMilliseconds)
            await Task.Delay(50, ct); // the multiplexer retries in the background; bounded by OpenMilliseconds
        if (connection.IsConnected) return connection;
        await connection.DisposeAsync();
        throw new StoreUnavailableException(
            $"Redis at {string.Join(',', target.Endpoints)} did not answer within {timeouts.OpenMilliseconds} ms.");
    }

    public async ValueTask UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0) return;
        ThrowIfDisposed();
        var stored = new Item[items.Count];
        var now = DateTimeOffset.UtcNow;
        for (int i = 0; i < stored.Length; i++)
        {
            // As in the embedded store: an item without a creation time keeps its first upsert's.
            var item = items[i];
            stored[i] = item.CreatedAt != default ? item : item with { CreatedAt = State.GetItem(item.Id)?.CreatedAt ?? now };
        }
        var writer = new BinaryRecordWriter(1 << 16);
        const int perEntry = 256;
        var payloads = new List<byte[]>((stored.Length + perEntry - 1) / perEntry);
        for (int start = 0; start < stored.Length; start += perEntry)
            payloads.Add(LogEntryCodec.Items(_writerId, stored, start, Math.Min(perEntry, stored.Length - start), writer));
        await AppendAndApplyAsync(payloads, cancellationToken);
    }

    public async ValueTask<bool> DeleteItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await RequireCurrentAsync(cancellationToken);
        if (State.GetItem(itemId) is null) return false;
        var payload = LogEntryCodec.ItemDelete(_writerId, itemId, new BinaryRecordWriter(256));
        return await AppendAndApplyAsync([payload], cancellationToken) > 0;
    }

    public async ValueTask<AppendResult> AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return new AppendResult(0, 0);
        ThrowIfDisposed();
        // Reject the batch before writing anything: every replica must be able to apply what the log holds.
        for (int i = 0; i < events.Count; i++)
        {
            if (!State.Types.TryGetId(events[i].Type, out _))
                throw new ArgumentException($"Unknown event type '{events[i].Type}'.", nameof(events));
        }
        // One log entry per user (in arrival order within the user), so forgetting a user deletes whole entries.
        var byUser = new Dictionary<string, List<UserEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (int i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!byUser.TryGetValue(e.UserId, out var list))
            {
                byUser[e.UserId] = list = [];
                order.Add(e.UserId);
            }
            list.Add(e);
        }
        var writer = new BinaryRecordWriter(4096);
        var payloads = new List<byte[]>(order.Count);
        foreach (string user in order) payloads.Add(LogEntryCodec.Events(_writerId, user, byUser[user], writer));
        int accepted = await AppendAndApplyAsync(payloads, cancellationToken);
        return new AppendResult(accepted, events.Count - accepted);
    }

    public async ValueTask<bool> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        await RequireCurrentAsync(cancellationToken);
        if (!State.HasUser(userId)) return false;
        var payload = LogEntryCodec.ForgetUser(_writerId, EventDeduplicator.Hash(userId), new BinaryRecordWriter(32));
        await AppendAndApplyAsync([payload], cancellationToken);
        try
        {
            // Erase the user's entries from the log, then replace a snapshot that may still hold the user's recent events.
            await DeleteUserEntriesAsync(userId, cancellationToken);
            if ((await _db.StringGetAsync(_keys.Snapshot)).HasValue) await SnapshotCoreAsync(waitForLock: true, cancellationToken);
            // The append-only file still holds the original writes until Redis rewrites it from memory.
            await RewriteAppendOnlyFileAsync();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable("The user was forgotten by every replica, but erasing the stored events did not finish; repeat the call.", ex);
        }
        return true;
    }

    public async ValueTask SnapshotAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        try
        {
            await SnapshotCoreAsync(waitForLock: false, cancellationToken);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw Unavailable("The snapshot could not be written to Redis.", ex);
        }
    }

    public async ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        if (!_connection.IsConnected || Volatile.Read(ref _disposed) != 0) return false;
        LogPosition head;
        try
        {
            head = LogPosition.Parse((string)(await _db.ScriptEvaluateAsync(HeadScript, [_keys.Log]))!);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            return false;
        }
        return await WaitAppliedAsync(head, _timeouts.CatchUpMilliseconds, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync();
        // Closing the reader's connection without waiting for pending commands ends its blocked XREAD at once.
        await _readerConnection.CloseAsync(allowCommandsToComplete: false);
        await _readerConnection.DisposeAsync();
        if (_reader is not null)
        {
            try
            {
                await _reader;
            }
            catch (OperationCanceledException)
            {
            }
        }
        await _connection.DisposeAsync();
        _stop.Dispose();
        _snapshotGate.Dispose();
    }

    /// <summary>Appends payloads to the log in one pipelined round trip and waits until this replica applied them; returns what they accepted.</summary>
    private async Task<int> AppendAndApplyAsync(List<byte[]> payloads, CancellationToken ct)
    {
        var pending = new Task<RedisValue>[payloads.Count];
        for (int i = 0; i < pending.Length; i++) pending[i] = _db.StreamAddAsync(_keys.Log, LogEntryCodec.Field, payloads[i]);
        RedisValue[] ids;
        try
        {
            ids = await Task.WhenAll(pending);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            // Entries Redis did store will still be applied here: drop their results once they are, nobody waits for them.
            var stored = new List<LogPosition>();
            foreach (var task in pending)
            {
                if (task.IsCompletedSuccessfully) stored.Add(LogPosition.Parse(task.Result.ToString()));
                else _ = task.Exception; // observe the other failures
            }
            if (stored.Count > 0) _ = ForgetResultsAsync(stored);
            throw Unavailable("Redis did not acknowledge the write; nothing was confirmed. Retrying with the same event ids is safe.", ex);
        }
        var positions = new LogPosition[ids.Length];
        var newest = LogPosition.Start;
        for (int i = 0; i < ids.Length; i++)
        {
            positions[i] = LogPosition.Parse(ids[i].ToString());
            if (positions[i] > newest) newest = positions[i];
        }
        if (!await WaitAppliedAsync(newest, _timeouts.WriteApplyMilliseconds, ct))
        {
            throw new StoreUnavailableException(
                "Redis stored the write but this replica could not read the log back in time; the write will apply when it reconnects.");
        }
        int accepted = 0;
        foreach (var position in positions)
        {
            if (_ownResults.TryRemove(position, out int n)) accepted += n;
        }
        return accepted;
    }

    private async Task ForgetResultsAsync(List<LogPosition> positions)
    {
        var newest = LogPosition.Start;
        foreach (var p in positions) newest = p > newest ? p : newest;
        await WaitAppliedAsync(newest, _timeouts.WriteApplyMilliseconds, CancellationToken.None);
        foreach (var p in positions) _ownResults.TryRemove(p, out _);
    }

    private async Task RequireCurrentAsync(CancellationToken ct)
    {
        if (!await CatchUpAsync(ct)) throw new StoreUnavailableException("Redis cannot be reached; the change was not made.");
    }

    private async Task<bool> WaitAppliedAsync(LogPosition target, int timeoutMilliseconds, CancellationToken ct)
    {
        long deadline = Stopwatch.GetTimestamp() + timeoutMilliseconds * Stopwatch.Frequency / 1000;
        while (true)
        {
            TaskCompletionSource pulse;
            lock (_positionLock)
            {
                if (_applied >= target) return true;
                pulse = _progress;
            }
            long left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0) return false;
            try
            {
                await pulse.Task.WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency), ct);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    private async Task RecoverAsync(IProgress<RecoveryProgress>? progress, CancellationToken ct)
    {
        var pointer = await _db.StringGetAsync(_keys.Snapshot);
        if (pointer.HasValue)
        {
            var (at, chunks, events) = ParsePointer(pointer.ToString());
            string temp = Path.GetTempFileName();
            try
            {
                await using (var file = File.Create(temp))
                {
                    for (int i = 0; i < chunks; i++)
                    {
                        byte[]? chunk = await _db.StringGetAsync(_keys.SnapshotChunk(at, i));
                        if (chunk is null) throw new InvalidDataException($"Snapshot chunk {i} of {at} is missing from Redis.");
                        await file.WriteAsync(chunk, ct);
                    }
                }
                SnapshotFile.Read(temp, State);
            }
            finally
            {
                File.Delete(temp);
            }
            _applied = at;
            _eventsLogged = events;
            _lastSnapshot = DateTimeOffset.UtcNow;
        }
        long records = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var entries = await _db.StreamRangeAsync(_keys.Log, _applied.Next.ToString(), "+", ReadBatch);
            if (entries.Length == 0) break;
            lock (_applyLock)
            {
                foreach (var entry in entries) Apply(LogPosition.Parse(entry.Id.ToString()), (byte[]?)entry[LogEntryCodec.Field]);
                lock (_positionLock) _applied = LogPosition.Parse(entries[^1].Id.ToString());
            }
            records += entries.Length;
            progress?.Report(new RecoveryProgress(records, records, records));
            if (entries.Length < ReadBatch) break;
        }
    }

    /// <summary>The log reader: blocks in XREAD for new entries and applies them in order; survives any Redis outage.</summary>
    private async Task FollowAsync()
    {
        var db = _readerConnection.GetDatabase();
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                LogPosition from;
                lock (_positionLock) from = _applied;
                var result = await db.ExecuteAsync("XREAD", "COUNT", ReadBatch, "BLOCK", BlockMilliseconds, "STREAMS", (RedisKey)_keys.Log, from.ToString());
                if (result.IsNull) continue;
                var streams = (RedisResult[])result!;
                var entries = (RedisResult[])((RedisResult[])streams[0]!)[1]!;
                if (entries.Length == 0) continue;
                TaskCompletionSource done;
                lock (_applyLock)
                {
                    var last = from;
                    foreach (var raw in entries)
                    {
                        var entry = (RedisResult[])raw!;
                        last = LogPosition.Parse((string)entry[0]!);
                        var fields = (RedisResult[])entry[1]!;
                        byte[]? payload = null;
                        for (int f = 0; f + 1 < fields.Length; f += 2)
                        {
                            if ((string?)fields[f] == LogEntryCodec.Field) payload = (byte[]?)fields[f + 1];
                        }
                        Apply(last, payload);
                    }
                    lock (_positionLock)
                    {
                        _applied = last;
                        done = _progress;
                        _progress = NewPulse();
                    }
                }
                done.TrySetResult();
                MaybeSnapshot(entries.Length);
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsUnavailable(ex) || ex is ObjectDisposedException)
            {
                // Redis is away (restarting, failing over): the multiplexer reconnects; try again shortly.
                try
                {
                    await Task.Delay(100, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Every <see cref="StoreOptions.SnapshotEveryRecords"/> log entries, one replica (whichever takes the lock) writes a
    /// snapshot and trims the log, so Redis holds state plus a bounded tail rather than every write ever made.
    /// </summary>
    private void MaybeSnapshot(int applied)
    {
        if (_snapshotEvery <= 0 || Interlocked.Add(ref _entriesSinceSnapshot, applied) < _snapshotEvery) return;
        if (Interlocked.Exchange(ref _snapshotRunning, 1) != 0) return;
        _ = Task.Run(async () =>
        {
            try
            {
                // The log's length is the number of entries since the last snapshot (which trimmed it), whoever wrote that one.
                if (await _db.StreamLengthAsync(_keys.Log) >= _snapshotEvery) await SnapshotCoreAsync(waitForLock: false, _stop.Token);
                Interlocked.Exchange(ref _entriesSinceSnapshot, 0);
            }
            catch (Exception ex) when (IsUnavailable(ex) || ex is OperationCanceledException or ObjectDisposedException or IOException)
            {
                // Redis away or shutting down: the next batch of entries tries again.
            }
            finally
            {
                Interlocked.Exchange(ref _snapshotRunning, 0);
            }
        });
    }

    /// <summary>Applies one log entry to state (under the apply lock). Never throws: an entry it cannot read is skipped and counted.</summary>
    private void Apply(LogPosition position, byte[]? payload)
    {
        int accepted = 0;
        ulong writer = 0;
        try
        {
            if (payload is null || payload.Length < 9) throw new InvalidDataException("Log entry without a payload.");
            var r = new BinaryRecordReader(payload);
            var kind = (LogEntryKind)r.ReadByte();
            writer = r.ReadUInt64();
            switch (kind)
            {
                case LogEntryKind.Events:
                    string user = r.ReadString();
                    int count = r.ReadVarInt();
                    for (int i = 0; i < count; i++)
                    {
                        var e = LogEntryCodec.ReadEvent(ref r, user, out ulong idHash);
                        if (!State.Types.TryGetId(e.Type, out _))
                        {
                            Interlocked.Increment(ref _skippedEntries); // a replica with other event types wrote it
                            continue;
                        }
                        if (State.ApplyHashed(e, idHash)) accepted++;
                    }
                    Interlocked.Add(ref _eventsLogged, accepted);
                    break;
                case LogEntryKind.Items:
                    int items = r.ReadVarInt();
                    for (int i = 0; i < items; i++)
                    {
                        State.UpsertItem(LogRecordCodec.ReadItem(ref r));
                        accepted++;
                    }
                    break;
                case LogEntryKind.ItemDelete:
                    accepted = State.DeleteItem(r.ReadString()) ? 1 : 0;
                    break;
                case LogEntryKind.ForgetUser:
                    ulong hash = r.ReadUInt64();
                    foreach (string id in State.UserIds)
                    {
                        if (EventDeduplicator.Hash(id) == hash && State.ForgetUser(id)) accepted++;
                    }
                    break;
                default:
                    throw new InvalidDataException($"Unknown log entry kind {(byte)kind}.");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            Interlocked.Increment(ref _skippedEntries);
        }
        if (writer == _writerId) _ownResults[position] = accepted;
    }

    private async Task DeleteUserEntriesAsync(string userId, CancellationToken ct)
    {
        var from = LogPosition.Start;
        var doomed = new List<RedisValue>();
        while (true)
        {
            var entries = await _db.StreamRangeAsync(_keys.Log, from.ToString(), "+", ReadBatch);
            foreach (var entry in entries)
            {
                byte[]? payload = (byte[]?)entry[LogEntryCodec.Field];
                if (payload is not null && LogEntryCodec.EventsUser(payload) == userId) doomed.Add(entry.Id);
            }
            if (entries.Length < ReadBatch) break;
            from = LogPosition.Parse(entries[^1].Id.ToString()).Next;
        }
        for (int i = 0; i < doomed.Count; i += ReadBatch)
            await _db.StreamDeleteAsync(_keys.Log, doomed.GetRange(i, Math.Min(ReadBatch, doomed.Count - i)).ToArray());
    }

    /// <summary>
    /// Writes state at the applied log position to Redis in chunks, points <c>{P}:snap</c> at it, drops the previous
    /// snapshot and trims the log up to that position. One replica at a time (a lock key with expiry).
    /// </summary>
    private async Task SnapshotCoreAsync(bool waitForLock, CancellationToken ct)
    {
        await _snapshotGate.WaitAsync(ct);
        string owner = _writerId.ToString(CultureInfo.InvariantCulture);
        try
        {
            var waited = Stopwatch.StartNew();
            while (!await _db.StringSetAsync(_keys.SnapshotLock, owner, TimeSpan.FromMinutes(2), When.NotExists))
            {
                if (!waitForLock || waited.Elapsed > TimeSpan.FromMinutes(2)) return; // another replica is writing one
                await Task.Delay(100, ct);
            }
            string temp = Path.GetTempFileName();
            try
            {
                LogPosition at;
                long events;
                lock (_applyLock)
                {
                    // The reader pauses while state is serialised (as the embedded store's writes do); the upload runs after.
                    SnapshotFile.Write(temp, State, Interlocked.Read(ref _eventsLogged), flushToDisk: false);
                    lock (_positionLock) at = _applied;
                    events = Interlocked.Read(ref _eventsLogged);
                }
                byte[] bytes = await File.ReadAllBytesAsync(temp, ct);
                int chunks = Math.Max(1, (bytes.Length + SnapshotChunkBytes - 1) / SnapshotChunkBytes);
                for (int i = 0; i < chunks; i++)
                {
                    int start = i * SnapshotChunkBytes;
                    await _db.StringSetAsync(_keys.SnapshotChunk(at, i), bytes.AsMemory(start, Math.Min(SnapshotChunkBytes, bytes.Length - start)));
                }
                var previous = await _db.StringGetSetAsync(_keys.Snapshot, $"{at}|{chunks}|{events}");
                if (previous.HasValue)
                {
                    var (old, oldChunks, _) = ParsePointer(previous.ToString());
                    if (old != at)
                    {
                        for (int i = 0; i < oldChunks; i++) await _db.KeyDeleteAsync(_keys.SnapshotChunk(old, i));
                    }
                }
                await _db.StreamTrimByMinIdAsync(_keys.Log, at.Next.ToString());
                _lastSnapshot = DateTimeOffset.UtcNow;
            }
            finally
            {
                File.Delete(temp);
                await _db.ScriptEvaluateAsync(UnlockScript, [_keys.SnapshotLock], [owner]);
            }
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>Bytes Redis spends on this deployment's log and snapshot (MEMORY USAGE of each key), for sizing.</summary>
    internal async Task<(long Log, long Snapshot)> StoredBytesAsync()
    {
        long log = (long?)await _db.ExecuteAsync("MEMORY", "USAGE", (RedisKey)_keys.Log, "SAMPLES", "0") ?? 0;
        long snapshot = 0;
        var pointer = await _db.StringGetAsync(_keys.Snapshot);
        if (pointer.HasValue)
        {
            var (at, chunks, _) = ParsePointer(pointer.ToString());
            for (int i = 0; i < chunks; i++)
                snapshot += (long?)await _db.ExecuteAsync("MEMORY", "USAGE", (RedisKey)_keys.SnapshotChunk(at, i)) ?? 0;
        }
        return (log, snapshot);
    }

    private async Task RewriteAppendOnlyFileAsync()
    {
        // The node that holds the log (in a cluster, the log's slot decides which).
        var server = _connection.GetServer(await _db.IdentifyEndpointAsync(_keys.Log) ?? _connection.GetEndPoints()[0]);
        try
        {
            await server.ExecuteAsync("BGREWRITEAOF");
        }
        catch (RedisServerException)
        {
            // A rewrite already running started before the erasure; Redis schedules another after it.
            await Task.Delay(200);
            try
            {
                await server.ExecuteAsync("BGREWRITEAOF");
            }
            catch (RedisServerException)
            {
                // Scheduled ("rewriting scheduled") or refused by configuration: nothing more a client can do.
            }
        }
    }

    private static (LogPosition At, int Chunks, long Events) ParsePointer(string pointer)
    {
        var parts = pointer.Split('|');
        if (parts.Length != 3) throw new InvalidDataException($"The snapshot pointer '{pointer}' is not position|chunks|events.");
        return (LogPosition.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    private static bool IsUnavailable(Exception ex) => ex is RedisException or TimeoutException;

    private static StoreUnavailableException Unavailable(string message, Exception inner) => new(message + " (" + inner.Message + ")", inner);

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
