using System.Diagnostics;
using LiveRank.Domain;
using LiveRank.Storage;
using LiveRank.Testing;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Ingest through the durable store: <see cref="IStateStore.AppendEventsAsync"/> with batches of 10,000 into a
/// temporary embedded store, for each fsync policy. Events are generated before timing starts.
/// </summary>
internal static class StoreIngest
{
    public const int BatchSize = 10_000;

    public static async Task<bool> RunAsync(string[] args)
    {
        _ = args;
        var options = new EventStreamOptions { Items = 20_000, Users = 10_000, EventsPerUser = 100 };
        var batches = new EventStreamGenerator(1, options).Batches(BatchSize).ToList();
        var items = CatalogMother.Items(options.Items);
        bool ok = await MeasureAsync(items, batches, FsyncPolicy.Always, clientIds: false);
        await MeasureAsync(items, batches, FsyncPolicy.Never, clientIds: false);
        var withIds = new EventStreamGenerator(1, options with { ClientIds = true }).Batches(BatchSize).ToList();
        await MeasureAsync(items, withIds, FsyncPolicy.Always, clientIds: true);
        return ok;
    }

    private static async Task<bool> MeasureAsync(Item[] items, List<UserEvent[]> batches, FsyncPolicy fsync, bool clientIds)
    {
        using var directory = new TempDirectory("lr-ingest");
        var storeOptions = new StoreOptions { Fsync = fsync, SnapshotEveryRecords = 0 };
        await using var store = await StateStoreFactory.OpenAsync(directory.Connection, storeOptions);
        await store.UpsertItemsAsync(items);
        GC.Collect();

        long events = 0;
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var result = await store.AppendEventsAsync(batch);
            events += result.Accepted;
        }
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double rate = events / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"IStateStore.AppendEventsAsync, {events:N0} events in batches of {BatchSize:N0}, fsync {fsync}, {(clientIds ? "client ids" : "generated ids")}:");
        Report.Line("elapsed", $"{watch.Elapsed.TotalSeconds:N2} s");
        Report.Line("log bytes per event", $"{(double)store.Statistics.LogBytes / events:N1} B");
        Report.Line("allocated per event", $"{(double)allocated / events:N0} B");
        return Report.Target($"store ingest (fsync {fsync})", rate, 500_000, atMost: false, "events/s");
    }
}
