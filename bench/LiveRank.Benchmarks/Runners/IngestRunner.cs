using System.Diagnostics;
using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Testing;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Event ingest throughput, target ≥ 500,000 events/s: <see cref="LiveState.Apply"/> on 2M fresh events
/// (10k users × 200, interleaved as live traffic), with generated ids and with client ids (de-duplicated).
/// Events are generated before timing starts.
/// </summary>
internal static class IngestRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        Report.Environment();
        var options = new EventStreamOptions { Items = 20_000, Users = 10_000, EventsPerUser = 200 };
        bool ok = ApplyInMemory(options, Rounds);
        ApplyInMemory(options with { ClientIds = true }, Rounds);
        ok &= await StoreIngest.RunAsync(args);
        return ok ? 0 : 1;
    }

    /// <summary>Each in-memory measurement runs this often on fresh state; the median counts (the machine is shared and noisy).</summary>
    private const int Rounds = 3;

    private static bool ApplyInMemory(EventStreamOptions options, int rounds)
    {
        UserEvent[] events = [.. new EventStreamGenerator(1, options).Interleaved()];
        var rates = new double[rounds];
        for (int round = 0; round < rounds; round++) rates[round] = ApplyOnce(options, events);
        Array.Sort(rates);
        Report.Line("rounds (events/s)", string.Join(", ", rates.Select(r => Report.Number(r))));
        return Report.Target("LiveState.Apply throughput (median)", rates[rounds / 2], 500_000, atMost: false, "events/s");
    }

    private static double ApplyOnce(EventStreamOptions options, UserEvent[] events)
    {        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default);
        foreach (var item in CatalogMother.Items(options.Items)) state.UpsertItem(item);
        GC.Collect();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        var watch = Stopwatch.StartNew();
        foreach (var e in events) state.Apply(e);
        watch.Stop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        double rate = events.Length / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"LiveState.Apply, {events.Length:N0} events, {(options.ClientIds ? "client ids" : "generated ids")}:");
        Report.Line("elapsed", $"{watch.Elapsed.TotalSeconds:N2} s");
        Report.Line("allocated per event", $"{(double)allocated / events.Length:N0} B");
        Report.Line("GCs (gen0 / gen2)", $"{GC.CollectionCount(0) - gen0} / {GC.CollectionCount(2) - gen2}");
        Report.Line("throughput", $"{Report.Number(rate)} events/s");
        return rate;
    }
}
