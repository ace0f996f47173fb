using System.Diagnostics;
using LiveRank.Storage;
using LiveRank.Testing;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Recovery of 1M events (100k users × 10, 20k items, client ids) from a temporary embedded store, target ≤ 10 s:
/// <list type="number">
/// <item>snapshot only: the store was disposed cleanly, so its snapshot covers the whole log;</item>
/// <item>snapshot + tail: a snapshot after 900k events, then 100k more, then the directory copied while the store
/// is still open (what <c>kill -9</c> leaves: every acknowledged batch is on disk);</item>
/// <item>pure log replay: the same copy with <c>snapshots/*.lrsnap</c> deleted.</item>
/// </list>
/// </summary>
internal static class RecoveryRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        int users = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        Report.Environment();
        var options = new EventStreamOptions { Items = 20_000, Users = users, EventsPerUser = 10, ClientIds = true };
        var generator = new EventStreamGenerator(1, options);
        long total = generator.TotalEvents;
        long snapshotAt = total * 9 / 10;

        using var directory = new TempDirectory("lr-recovery");
        using var crashed = new TempDirectory("lr-recovery-crash");
        using var replayOnly = new TempDirectory("lr-recovery-log");
        var storeOptions = new StoreOptions { SnapshotEveryRecords = 0 };

        var write = Stopwatch.StartNew();
        await using (var store = await StateStoreFactory.OpenAsync(directory.Connection, storeOptions))
        {
            await store.UpsertItemsAsync(CatalogMother.Items(options.Items));
            long written = 0;
            bool snapshotTaken = false;
            foreach (var batch in generator.Batches(StoreIngest.BatchSize))
            {
                await store.AppendEventsAsync(batch);
                written += batch.Length;
                if (!snapshotTaken && written >= snapshotAt)
                {
                    await store.SnapshotAsync();
                    snapshotTaken = true;
                }
            }
            // The store is still open: copy what a crash would leave behind.
            Copy(directory.Path, crashed.Path);
        }
        Copy(crashed.Path, replayOnly.Path);
        foreach (string snapshot in Directory.EnumerateFiles(Path.Combine(replayOnly.Path, "snapshots"), "*.lrsnap")) File.Delete(snapshot);
        Console.WriteLine($"wrote {total:N0} events ({users:N0} users, {options.Items:N0} items) in {write.Elapsed.TotalSeconds:N1} s; "
            + $"store {TempDirectory.SizeOf(directory.Path) / 1048576.0:N1} MiB");

        double clean = await ReopenAsync("snapshot only (clean shutdown)", directory, storeOptions, total);
        double tail = await ReopenAsync($"snapshot + {total - snapshotAt:N0}-event tail (crash)", crashed, storeOptions, total);
        double replay = await ReopenAsync("pure log replay (no snapshot)", replayOnly, storeOptions, total);
        bool ok = Report.Target("recovery, snapshot only", clean, 10, atMost: true, "s");
        ok &= Report.Target("recovery, snapshot + tail", tail, 10, atMost: true, "s");
        ok &= Report.Target("recovery, pure log replay", replay, 10, atMost: true, "s");
        return ok ? 0 : 1;
    }

    private static async Task<double> ReopenAsync(string label, TempDirectory directory, StoreOptions options, long expected)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var store = await StateStoreFactory.OpenAsync(directory.Connection, options);
        double seconds = watch.Elapsed.TotalSeconds;
        var statistics = store.Statistics;
        Console.WriteLine($"recovery, {label}:");
        Report.Line("open", $"{seconds:N2} s");
        Report.Line("users / items / events logged", $"{statistics.Users:N0} / {statistics.Items:N0} / {statistics.EventsLogged:N0}");
        if (statistics.EventsLogged != expected) Console.WriteLine($"  WARNING: expected {expected:N0} events logged");
        await store.DisposeAsync();
        return seconds;
    }

    private static void Copy(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
