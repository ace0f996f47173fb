using System.Text;
using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Storage;
using static LiveRank.Testing.StateMother;
using static LiveRank.Tests.Storage.StoreSamples;

namespace LiveRank.Tests.Storage;

public sealed class EmbeddedStateStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private static StoreOptions Options(int snapshotEvery = 1_000_000, long segmentBytes = 256L << 20, FsyncPolicy fsync = FsyncPolicy.Always) =>
        new() { SnapshotEveryRecords = snapshotEvery, SegmentBytes = segmentBytes, Fsync = fsync };

    private async Task<LiveState> WriteAsync(EmbeddedStateStore store, StoreOptions options, IReadOnlyList<UserEvent> events, int batch = 7)
    {
        var reference = Reference(options);
        Item[] items = [.. Enumerable.Range(0, 6).Select(i => FullItem("item" + i))];
        await store.UpsertItemsAsync(items, _ct);
        foreach (var item in items) reference.UpsertItem(item);
        for (int i = 0; i < events.Count; i += batch)
        {
            var chunk = events.Skip(i).Take(batch).ToList();
            await store.AppendEventsAsync(chunk, _ct);
            foreach (var e in chunk) reference.Apply(e);
        }
        return reference;
    }

    private static string NewestSegment(string directory)
    {
        string log = Path.Combine(directory, "log");
        var segments = EventLog.ListSegments(log);
        return EventLog.SegmentPath(log, segments[^1]);
    }

    private static List<string> FilesContaining(string directory, string text)
    {
        byte[] needle = Encoding.UTF8.GetBytes(text);
        var hits = new List<string>();
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.ToArray().AsSpan().IndexOf(needle) >= 0) hits.Add(file);
        }
        return hits;
    }

    [Fact]
    public async Task OpenAsync_AfterDispose_RestoresSameState()
    {
        var options = Options();
        var events = Events(200);
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            reference = await WriteAsync(store, options, events);
            StateAssert.Same(reference, store.State);
        }
        Assert.NotEmpty(SnapshotFile.List(_temp.Sub("snapshots")));

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);

        StateAssert.Same(reference, reopened.State);
        Assert.Equal(4, reopened.State.UserCount);
        Assert.Equal(200, reopened.Statistics.EventsLogged);
        Assert.Equal("Title item3", reopened.State.GetItem("item3")!.Title);
        Assert.Equal(1999, reopened.State.GetItem("item3")!.Attributes["year"].Number);
    }

    [Fact]
    public async Task OpenAsync_SnapshotDeleted_ReplaysLogToSameState()
    {
        var options = Options();
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
            reference = await WriteAsync(store, options, Events(150));
        foreach (string snapshot in Directory.GetFiles(_temp.Sub("snapshots"), "*.lrsnap")) File.Delete(snapshot);

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);

        StateAssert.Same(reference, reopened.State);
        Assert.Equal(150, reopened.Statistics.EventsLogged);
    }

    [Fact]
    public async Task OpenAsync_CrashImageWithoutSnapshot_ReplaysLogToSameState()
    {
        var options = Options(snapshotEvery: 0);
        string image = _temp.Sub("image");
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Sub("live"), options, cancellationToken: _ct))
        {
            reference = await WriteAsync(store, options, Events(120));
            TempDirectory.Copy(_temp.Sub("live"), image); // as if the process were killed here
        }
        Assert.Empty(SnapshotFile.List(Path.Combine(image, "snapshots")));

        await using var recovered = await EmbeddedStateStore.OpenAsync(image, options, cancellationToken: _ct);

        StateAssert.Same(reference, recovered.State);
    }

    [Fact]
    public async Task OpenAsync_TornLastRecord_CutsItOffAndKeepsEverythingBefore()
    {
        var options = Options(snapshotEvery: 0);
        var events = Events(60);
        string image = _temp.Sub("image");
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Sub("live"), options, cancellationToken: _ct))
        {
            await WriteAsync(store, options, events);
            TempDirectory.Copy(_temp.Sub("live"), image);
        }
        string segment = NewestSegment(image);
        long intact = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Open)) file.SetLength(intact - 3);

        await using var recovered = await EmbeddedStateStore.OpenAsync(image, options, cancellationToken: _ct);

        // Everything but the last event; that record was torn.
        var expected = Reference(options);
        foreach (int i in Enumerable.Range(0, 6)) expected.UpsertItem(FullItem("item" + i));
        foreach (var e in events.Take(events.Count - 1)) expected.Apply(e);
        StateAssert.Same(expected, recovered.State);
        Assert.Equal(59, recovered.Statistics.EventsLogged);
        Assert.True(new FileInfo(segment).Length < intact - 3);
    }

    [Fact]
    public async Task OpenAsync_GarbageAfterLastRecord_TruncatedAndAllEventsKept()
    {
        var options = Options(snapshotEvery: 0);
        string image = _temp.Sub("image");
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Sub("live"), options, cancellationToken: _ct))
        {
            reference = await WriteAsync(store, options, Events(60));
            TempDirectory.Copy(_temp.Sub("live"), image);
        }
        string segment = NewestSegment(image);
        long intact = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Append)) file.Write([0x20, 0, 0, 0, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3]);

        await using (var recovered = await EmbeddedStateStore.OpenAsync(image, options, cancellationToken: _ct))
        {
            StateAssert.Same(reference, recovered.State);
            Assert.Equal(intact, new FileInfo(segment).Length);

            // The log stays appendable after the cut: a new event survives another crash image.
            await recovered.AppendEventsAsync([Event("late", "item1", atSeconds: 1e6, id: "late-1")], _ct);
            reference.Apply(Event("late", "item1", atSeconds: 1e6, id: "late-1"));
            TempDirectory.Copy(image, _temp.Sub("image2"));
        }
        await using var again = await EmbeddedStateStore.OpenAsync(_temp.Sub("image2"), options, cancellationToken: _ct);
        StateAssert.Same(reference, again.State);
    }

    [Fact]
    public async Task OpenAsync_CorruptSnapshot_FallsBackToLogReplay()
    {
        var options = Options();
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
            reference = await WriteAsync(store, options, Events(100));
        string snapshot = Directory.GetFiles(_temp.Sub("snapshots"), "*.lrsnap").Single();
        byte[] bytes = File.ReadAllBytes(snapshot);
        bytes[bytes.Length / 2] ^= 0x5A;
        File.WriteAllBytes(snapshot, bytes);

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);

        StateAssert.Same(reference, reopened.State);
        Assert.Equal(100, reopened.Statistics.EventsLogged);
    }

    [Fact]
    public async Task AppendEventsAsync_Duplicates_CountedButNotLoggedTwice()
    {
        var options = Options();
        await using var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);

        var first = await store.AppendEventsAsync([Event("u", "a", id: "d1"), Event("u", "b", id: "d2", atSeconds: 1)], _ct);
        long logBytes = store.Statistics.LogBytes;
        var again = await store.AppendEventsAsync([Event("u", "a", id: "d1"), Event("u", "b", id: "d2", atSeconds: 1)], _ct);
        long afterDuplicates = store.Statistics.LogBytes;
        var mixed = await store.AppendEventsAsync([Event("u", "c", id: "d3", atSeconds: 2), Event("u", "c", id: "d3", atSeconds: 2), Event("u", "a", id: "d1")], _ct);

        Assert.Equal(new AppendResult(2, 0), first);
        Assert.Equal(new AppendResult(0, 2), again);
        Assert.Equal(logBytes, afterDuplicates);
        Assert.Equal(new AppendResult(1, 2), mixed);
        Assert.Equal(3, store.State.Summarize("u")!.TotalEvents);
        Assert.Equal(3, store.Statistics.EventsLogged);
    }

    [Fact]
    public async Task AppendEventsAsync_GeneratedIds_AllLogged()
    {
        await using var store = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), cancellationToken: _ct);

        var result = await store.AppendEventsAsync(
            [Event("u", "a", id: "g", hasClientId: false), Event("u", "a", id: "g", hasClientId: false)], _ct);

        Assert.Equal(new AppendResult(2, 0), result);
        Assert.Equal(2, store.State.Summarize("u")!.TotalEvents);
    }

    [Fact]
    public async Task ForgetUserAsync_KnownUser_ErasedFromEveryFileAndAfterReopen()
    {
        var options = Options();
        var events = Events(120);
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            reference = await WriteAsync(store, options, events.Take(60).ToList());
            await store.SnapshotAsync(_ct); // an older snapshot holds Alice's recent events too
            foreach (var e in events.Skip(60)) reference.Apply(e);
            await store.AppendEventsAsync(events.Skip(60).ToList(), _ct);
            Assert.NotEmpty(FilesContaining(_temp.Path, Alice));

            Assert.True(await store.ForgetUserAsync(Alice, _ct));
            reference.ForgetUser(Alice);

            Assert.Empty(FilesContaining(_temp.Path, Alice));
            Assert.False(store.State.HasUser(Alice));
            Assert.False(await store.ForgetUserAsync(Alice, _ct));
            StateAssert.Same(reference, store.State);
        }

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);
        Assert.False(reopened.State.HasUser(Alice));
        StateAssert.Same(reference, reopened.State);
        Assert.Empty(FilesContaining(_temp.Path, Alice));
        Assert.False(File.Exists(_temp.Sub("forget.pending")));
    }

    [Fact]
    public async Task ForgetUserAsync_UnknownUser_ReturnsFalse()
    {
        await using var store = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), cancellationToken: _ct);
        await store.AppendEventsAsync([Event("u", "a")], _ct);

        Assert.False(await store.ForgetUserAsync("nobody", _ct));
        Assert.True(store.State.HasUser("u"));
    }

    [Fact]
    public async Task OpenAsync_PendingForgetLeftBehind_CompletesErasure()
    {
        var options = Options();
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
            reference = await WriteAsync(store, options, Events(80));
        File.WriteAllText(_temp.Sub("forget.pending"), Alice + "\n");
        reference.ForgetUser(Alice);

        await using (var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            Assert.False(reopened.State.HasUser(Alice));
            Assert.False(File.Exists(_temp.Sub("forget.pending")));
            Assert.Empty(FilesContaining(_temp.Path, Alice));
            StateAssert.Same(reference, reopened.State);
        }

        await using var again = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);
        Assert.False(again.State.HasUser(Alice));
        StateAssert.Same(reference, again.State);
    }

    [Fact]
    public async Task AppendEventsAsync_PastSegmentBytes_RollsSegmentsAndRecoversAcrossThem()
    {
        var options = Options(snapshotEvery: 0, segmentBytes: 1 << 20, fsync: FsyncPolicy.Never);
        // Long ids make each record ~100 bytes, so 36,000 events span three or more 1 MiB segments.
        var events = Events(36_000, prefix: "event-with-a-deliberately-long-identifier-", users: 40, items: 500);
        string live = _temp.Sub("live"), image = _temp.Sub("image");
        LiveState reference;
        await using (var store = await EmbeddedStateStore.OpenAsync(live, options, cancellationToken: _ct))
        {
            reference = await WriteAsync(store, options, events, batch: 500);
            TempDirectory.Copy(live, image);
        }
        var segments = EventLog.ListSegments(Path.Combine(image, "log"));
        Assert.True(segments.Count >= 3, $"{segments.Count} segments");
        Assert.Equal(Enumerable.Range(1, segments.Count), segments);
        foreach (int s in segments.SkipLast(1))
        {
            long length = new FileInfo(EventLog.SegmentPath(Path.Combine(image, "log"), s)).Length;
            Assert.InRange(length, 1 << 20, (1 << 20) + 100_000);
        }

        await using (var recovered = await EmbeddedStateStore.OpenAsync(image, options, cancellationToken: _ct))
        {
            StateAssert.Same(reference, recovered.State);
            Assert.Equal(36_000, recovered.Statistics.EventsLogged);
        }
        // And from the snapshot that the clean shutdown of the live store wrote.
        await using var reopened = await EmbeddedStateStore.OpenAsync(live, options, cancellationToken: _ct);
        StateAssert.Same(reference, reopened.State);
    }

    [Fact]
    public async Task AppendEventsAsync_SnapshotEveryTenRecords_KeepsOnlyNewestSnapshot()
    {
        var options = Options(snapshotEvery: 10);
        var events = Events(25);
        string live = _temp.Sub("live"), snapshots = Path.Combine(live, "snapshots");
        await using var store = await EmbeddedStateStore.OpenAsync(live, options, cancellationToken: _ct);
        var reference = Reference(options);

        for (int i = 0; i < 5; i++)
        {
            var batch = events.Skip(i * 5).Take(5).ToList();
            await store.AppendEventsAsync(batch, _ct);
            foreach (var e in batch) reference.Apply(e);
            if (i == 0)
            {
                Assert.Empty(SnapshotFile.List(snapshots));
                Assert.Null(store.Statistics.LastSnapshot);
            }
        }

        // Snapshots after records 10 (rolls to segment 2) and 20 (segment 3); the first was replaced.
        Assert.Equal([3], SnapshotFile.List(snapshots));
        Assert.Equal([1, 2, 3], EventLog.ListSegments(Path.Combine(live, "log")));
        Assert.NotNull(store.Statistics.LastSnapshot);

        // A crash now recovers from snapshot 3 plus the 5 records of segment 3.
        TempDirectory.Copy(live, _temp.Sub("image"));
        await using var recovered = await EmbeddedStateStore.OpenAsync(_temp.Sub("image"), options, cancellationToken: _ct);
        StateAssert.Same(reference, recovered.State);
        Assert.Equal(25, recovered.Statistics.EventsLogged);
    }

    [Fact]
    public async Task DeleteItemAsync_ThenReopen_ItemStaysDeleted()
    {
        var options = Options();
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            await store.UpsertItemsAsync([FullItem("item1"), FullItem("item2")], _ct);
            Assert.True(await store.DeleteItemAsync("item1", _ct));
            Assert.False(await store.DeleteItemAsync("item1", _ct));
        }
        foreach (string snapshot in Directory.GetFiles(_temp.Sub("snapshots"), "*.lrsnap")) File.Delete(snapshot);

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);
        Assert.Null(reopened.State.GetItem("item1"));
        Assert.NotNull(reopened.State.GetItem("item2"));
    }

    [Fact]
    public async Task AppendEventsAsync_UnknownType_RejectsBatchAndLogsNothing()
    {
        var options = Options();
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            await store.AppendEventsAsync([Event("u", "a", id: "ok-1")], _ct);
            long logBytes = store.Statistics.LogBytes;

            await Assert.ThrowsAsync<ArgumentException>(async () =>
                await store.AppendEventsAsync([Event("u", "b", id: "ok-2"), Event("u", "c", type: "teleport", id: "bad")], _ct));

            Assert.Equal(logBytes, store.Statistics.LogBytes);
            Assert.Equal(1, store.State.Summarize("u")!.TotalEvents);
        }
        foreach (string snapshot in Directory.GetFiles(_temp.Sub("snapshots"), "*.lrsnap")) File.Delete(snapshot);

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);
        Assert.Equal(1, reopened.State.Summarize("u")!.TotalEvents);
    }
}
