using System.Buffers;
using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Storage;

/// <summary>
/// The default store: state in memory (<see cref="LiveState"/>), made durable by an append-only log of every
/// write plus periodic snapshots, all under one directory:
/// <code>
/// DIR/log/00000001.lrlog …     every accepted write, in order (kept: it is the history models train on)
/// DIR/snapshots/00000003.lrsnap state after log segments 1–2; recovery loads it and replays segments ≥ 3
/// DIR/forget.pending            user ids whose erasure from disk has not finished (resumed on open)
/// </code>
/// A write is appended to the log (and fsynced, per <see cref="FsyncPolicy"/>) before it is applied to state and
/// before the call returns, so anything acknowledged survives <c>kill -9</c>. Writes are serialised by one lock;
/// reads of state never take it.
/// </summary>
public sealed class EmbeddedStateStore : IStateStore
{
    private const string PendingForgetFile = "forget.pending";

    private readonly Lock _writeLock = new();
    private readonly string _directory;
    private readonly string _snapshotDirectory;
    private readonly StoreOptions _options;
    private readonly EventLog _log;
    private readonly BinaryRecordWriter _batch = new(1 << 16);
    private readonly Timer? _fsyncTimer;
    private long _eventsLogged;
    private long _recordsSinceSnapshot;
    private bool _unsynced;
    private DateTimeOffset? _lastSnapshot;
    private bool _disposed;

    private EmbeddedStateStore(string directory, StoreOptions options, LiveState state, EventLog log)
    {
        _directory = directory;
        _snapshotDirectory = Path.Combine(directory, "snapshots");
        _options = options;
        State = state;
        _log = log;
        if (options.Fsync == FsyncPolicy.Interval)
            _fsyncTimer = new Timer(_ => SyncIfDirty(), null, options.FsyncInterval, options.FsyncInterval);
    }

    public LiveState State { get; }

    public string Directory => _directory;

    public StoreStatistics Statistics =>
        new("embedded", State.CatalogCount, State.UserCount, Interlocked.Read(ref _eventsLogged), EventLog.TotalBytes(_log.Directory), _lastSnapshot);

    /// <summary>Opens (or creates) the store in <paramref name="directory"/>: loads the newest snapshot and replays the log after it.</summary>
    public static Task<EmbeddedStateStore> OpenAsync(string directory, StoreOptions options,
        IProgress<RecoveryProgress>? progress = null, Semantics.SemanticState? semantic = null, CancellationToken cancellationToken = default)
    {
        // Recovery is CPU-bound and synchronous; run it off the caller's thread.
        return Task.Run(() => Open(directory, options, progress, semantic, cancellationToken), cancellationToken);
    }

    private static EmbeddedStateStore Open(string directory, StoreOptions options, IProgress<RecoveryProgress>? progress,
        Semantics.SemanticState? semantic, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(directory);
        string logDirectory = Path.Combine(directory, "log");
        string snapshotDirectory = Path.Combine(directory, "snapshots");
        var state = new LiveState(options.State, options.CreateRegistry(), semantic);

        int firstSegment = 1;
        long eventsLogged = 0;
        DateTimeOffset? lastSnapshot = null;
        var snapshots = SnapshotFile.List(snapshotDirectory);
        for (int i = snapshots.Count - 1; i >= 0; i--)
        {
            string path = SnapshotFile.PathFor(snapshotDirectory, snapshots[i]);
            try
            {
                eventsLogged = SnapshotFile.Read(path, state);
                firstSegment = snapshots[i];
                lastSnapshot = File.GetLastWriteTimeUtc(path);
                break;
            }
            catch (InvalidDataException)
            {
                // A damaged snapshot: fall back to an older one (or a full replay) on a fresh state.
                semantic?.Reset();
                state = new LiveState(options.State, options.CreateRegistry(), semantic);
                eventsLogged = 0;
            }
        }

        var segments = EventLog.ListSegments(logDirectory);
        long total = 0, done = 0, records = 0;
        foreach (int s in segments)
        {
            if (s >= firstSegment) total += new FileInfo(EventLog.SegmentPath(logDirectory, s)).Length;
        }
        foreach (int s in segments)
        {
            if (s < firstSegment) continue;
            ct.ThrowIfCancellationRequested();
            bool newest = s == segments[^1];
            EventLog.ReadSegment(EventLog.SegmentPath(logDirectory, s), payload =>
            {
                if (Replay(state, payload)) eventsLogged++;
                records++;
            }, truncateTornTail: newest, bytes =>
            {
                done += bytes;
                progress?.Report(new RecoveryProgress(done, total, records));
            });
        }

        var log = EventLog.Open(logDirectory);
        var store = new EmbeddedStateStore(directory, options, state, log)
        {
            _eventsLogged = eventsLogged,
            _recordsSinceSnapshot = records,
            _lastSnapshot = lastSnapshot,
        };
        store.ResumePendingForgets();
        return store;
    }

    /// <summary>Applies one logged record to state; true when it was an event.</summary>
    private static bool Replay(LiveState state, ReadOnlySpan<byte> payload)
    {
        var r = new BinaryRecordReader(payload);
        switch ((LogRecordKind)r.ReadByte())
        {
            case LogRecordKind.ItemUpsert:
                state.UpsertItem(LogRecordCodec.ReadItem(ref r));
                return false;
            case LogRecordKind.ItemDelete:
                state.DeleteItem(r.ReadString());
                return false;
            case LogRecordKind.Event:
                var e = LogRecordCodec.ReadEvent(ref r);
                if (!state.Types.TryGetId(e.Type, out _))
                    throw new InvalidDataException($"The log holds events of type '{e.Type}', which is not configured.");
                state.Apply(e);
                return true;
            default:
                throw new InvalidDataException($"Unknown log record kind {payload[0]}.");
        }
    }

    public ValueTask UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        if (items.Count == 0) return ValueTask.CompletedTask;
        lock (_writeLock)
        {
            ThrowIfDisposed();
            _batch.Reset();
            var stored = new Item[items.Count];
            var now = DateTimeOffset.UtcNow;
            for (int i = 0; i < stored.Length; i++)
            {
                // An item without a creation time gets its first upsert's (an update keeps the original).
                var item = items[i];
                stored[i] = item.CreatedAt != default ? item : item with { CreatedAt = State.GetItem(item.Id)?.CreatedAt ?? now };
                int frame = BeginRecord();
                LogRecordCodec.WriteItemUpsert(_batch, stored[i]);
                EndRecord(frame);
            }
            Commit(items.Count);
            foreach (var item in stored) State.UpsertItem(item);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> DeleteItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            if (State.GetItem(itemId) is null) return ValueTask.FromResult(false);
            _batch.Reset();
            int frame = BeginRecord();
            LogRecordCodec.WriteItemDelete(_batch, itemId);
            EndRecord(frame);
            Commit(1);
            return ValueTask.FromResult(State.DeleteItem(itemId));
        }
    }

    public ValueTask<AppendResult> AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        if (events.Count == 0) return ValueTask.FromResult(new AppendResult(0, 0));
        lock (_writeLock)
        {
            ThrowIfDisposed();
            // Reject the batch before logging anything: a logged event of an unknown type would make the store fail to open.
            for (int i = 0; i < events.Count; i++)
            {
                if (!State.Types.TryGetId(events[i].Type, out _))
                    throw new ArgumentException($"Unknown event type '{events[i].Type}'.", nameof(events));
            }
            _batch.Reset();
            // Duplicates (of earlier batches or within this one) are not logged: the log holds each event once.
            // Ids are recorded as seen while the batch is encoded, and taken back if the write fails.
            var seen = State.Seen;
            ulong[] hashes = ArrayPool<ulong>.Shared.Rent(events.Count);
            Span<bool> keep = events.Count <= 4096 ? stackalloc bool[events.Count] : new bool[events.Count];
            int accepted = 0;
            try
            {
                for (int i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    if (e.HasClientId && !seen.Add(hashes[i] = EventDeduplicator.Hash(e.Id))) continue;
                    keep[i] = true;
                    accepted++;
                    int frame = BeginRecord();
                    LogRecordCodec.WriteEvent(_batch, e);
                    EndRecord(frame);
                }
                try
                {
                    if (accepted > 0) Commit(accepted);
                }
                catch
                {
                    for (int i = 0; i < events.Count; i++)
                    {
                        if (keep[i] && events[i].HasClientId) seen.Remove(hashes[i]);
                    }
                    throw;
                }
                for (int i = 0; i < events.Count; i++)
                {
                    if (keep[i]) State.ApplyNew(events[i]);
                }
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(hashes);
            }
            _eventsLogged += accepted;
            var result = new AppendResult(accepted, events.Count - accepted);
            MaybeSnapshot();
            return ValueTask.FromResult(result);
        }
    }

    public ValueTask<bool> ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            // State holds every user the log holds (it is rebuilt from the log), so an unknown user has nothing on disk.
            if (!State.HasUser(userId)) return ValueTask.FromResult(false);
            // Record the intent first: if we crash part-way, opening the store finishes the erasure.
            string pending = Path.Combine(_directory, PendingForgetFile);
            File.AppendAllLines(pending, [userId]);
            Erase([userId]);
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Scans every log segment for the user's events (under the write lock, so the scan sees a settled log).</summary>
    public ValueTask<IReadOnlyList<UserEvent>> ExportUserEventsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var events = new List<UserEvent>();
        lock (_writeLock)
        {
            ThrowIfDisposed();
            foreach (int segment in EventLog.ListSegments(_log.Directory))
            {
                cancellationToken.ThrowIfCancellationRequested();
                EventLog.ReadSegment(EventLog.SegmentPath(_log.Directory, segment), payload =>
                {
                    if (payload[0] != (byte)LogRecordKind.Event) return;
                    var user = new BinaryRecordReader(payload[1..]);
                    if (LogRecordCodec.ReadEventUser(ref user) != userId) return;
                    var r = new BinaryRecordReader(payload[1..]);
                    events.Add(LogRecordCodec.ReadEvent(ref r));
                }, truncateTornTail: false);
            }
        }
        return ValueTask.FromResult<IReadOnlyList<UserEvent>>(events);
    }

    public ValueTask SnapshotAsync(CancellationToken cancellationToken = default)
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            TakeSnapshot();
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_writeLock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _fsyncTimer?.Dispose();
            if (_recordsSinceSnapshot > 0) TakeSnapshot();
            _log.Dispose();
            _disposed = true;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Reserves a frame header in the batch; the payload follows; <see cref="EndRecord"/> fills the header.</summary>
    private int BeginRecord() => _batch.Reserve(EventLog.FrameHeaderSize);

    private void EndRecord(int header)
    {
        var payload = _batch.Written[(header + EventLog.FrameHeaderSize)..];
        EventLog.Frame(_batch.Patch(header, EventLog.FrameHeaderSize), payload);
    }

    private void Commit(int records)
    {
        bool fsync = _options.Fsync == FsyncPolicy.Always;
        _log.Append(_batch.Written, fsync);
        if (!fsync) _unsynced = true;
        _recordsSinceSnapshot += records;
        if (_log.ActiveLength > _options.SegmentBytes) _log.Roll();
    }

    private void MaybeSnapshot()
    {
        if (_options.SnapshotEveryRecords > 0 && _recordsSinceSnapshot >= _options.SnapshotEveryRecords) TakeSnapshot();
    }

    private void TakeSnapshot()
    {
        if (_options.Retention is { } retention) Expire(DateTimeOffset.UtcNow - retention);
        // Roll first so the snapshot covers whole segments: snapshot N = state after segments 1..N-1.
        int segment = _log.Roll();
        SnapshotFile.Write(SnapshotFile.PathFor(_snapshotDirectory, segment), State, _eventsLogged);
        foreach (int old in SnapshotFile.List(_snapshotDirectory))
        {
            if (old < segment) File.Delete(SnapshotFile.PathFor(_snapshotDirectory, old));
        }
        _recordsSinceSnapshot = 0;
        _lastSnapshot = DateTimeOffset.UtcNow;
    }

    /// <summary>Removes users from state, from every log segment and from every snapshot; then clears the pending file.</summary>
    private void Erase(IReadOnlyCollection<string> userIds)
    {
        foreach (string id in userIds) State.ForgetUser(id);
        var forgotten = new HashSet<string>(userIds, StringComparer.Ordinal);
        _log.Rewrite(payload =>
        {
            if (payload[0] != (byte)LogRecordKind.Event) return true;
            var r = new BinaryRecordReader(payload[1..]);
            return !forgotten.Contains(LogRecordCodec.ReadEventUser(ref r));
        });
        TakeSnapshot(); // replaces every older snapshot, which may still hold the users' recent events
        File.Delete(Path.Combine(_directory, PendingForgetFile));
    }

    /// <summary>Retention: events before <paramref name="cutoff"/> leave state and every log segment (the snapshot that follows replaces older ones).</summary>
    private void Expire(DateTimeOffset cutoff)
    {
        State.ExpireBefore(cutoff);
        long cutoffMs = cutoff.ToUnixTimeMilliseconds();
        long dropped = 0;
        _log.Rewrite(payload =>
        {
            if (payload[0] != (byte)LogRecordKind.Event) return true;
            var r = new BinaryRecordReader(payload[1..]);
            bool keep = LogRecordCodec.ReadEvent(ref r).Timestamp.ToUnixTimeMilliseconds() >= cutoffMs;
            if (!keep) dropped++;
            return keep;
        });
        _eventsLogged -= dropped;
    }

    private void ResumePendingForgets()
    {
        string pending = Path.Combine(_directory, PendingForgetFile);
        if (!File.Exists(pending)) return;
        var ids = File.ReadAllLines(pending).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        lock (_writeLock) Erase(ids);
    }

    private void SyncIfDirty()
    {
        lock (_writeLock)
        {
            if (_disposed || !_unsynced) return;
            _log.FlushToDisk();
            _unsynced = false;
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
