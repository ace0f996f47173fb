using System.Diagnostics;
using LiveRank.Domain;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Times every single <c>Reranker.Recommend</c> call (10 items from a 10k-item catalog, users with 200 events, random
/// 384-d item vectors) and reports per-call percentiles and allocated bytes per call.
/// </summary>
internal static class RecommendRunner
{
    public static int Run(string[] args)
    {
        bool withoutLm = args.Contains("--no-lm");
        var precision = args.SkipWhile(a => a != "--precision").Skip(1).Select(Enum.Parse<LiveRank.Semantics.VectorPrecision>).FirstOrDefault();
        args = [.. args.Where(a => a.Length > 0 && char.IsAsciiDigit(a[0]))];
        int calls = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        Report.Environment();
        var setup = Stopwatch.StartNew();
        var fixture = RerankFixture.Create(RerankFixture.RecommendStream, semantic: !withoutLm, precision: precision);
        Console.WriteLine($"state: {fixture.State.CatalogCount:N0} items, {fixture.State.UserCount:N0} users, built in {setup.Elapsed.TotalSeconds:N1} s; " +
            $"scorer {fixture.Reranker.Model}, up to {fixture.Reranker.Retriever.Options.MaxCandidates} candidates" + (withoutLm ? "" : $", item vectors {precision}"));

        bool ok = Measure("user with 200 events", fixture, fixture.RecommendRequests(1024), calls, enforce: true);
        Measure("cold user", fixture, fixture.RecommendRequests(1024, cold: true), calls, enforce: false);
        return ok ? 0 : 1;
    }

    private static bool Measure(string label, RerankFixture fixture, RecommendRequest[] requests, int calls, bool enforce)
    {
        var reranker = fixture.Reranker;
        // Warm-up: tiered JIT reaches the optimised code before timing starts.
        for (int i = 0; i < Math.Min(calls, 2_000); i++) reranker.Recommend(requests[i % requests.Length]);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var ticks = new long[calls];
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            var request = requests[i % requests.Length];
            long t0 = Stopwatch.GetTimestamp();
            reranker.Recommend(request);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        double total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(ticks);

        double Us(double q) => ticks[Math.Min(calls - 1, (int)(q * calls))] * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine($"recommend, 10 items, {label}: {calls:N0} calls, {calls / total:N0} calls/s on one thread");
        Report.Line("p50", $"{Us(0.50):N1} µs");
        Report.Line("p90", $"{Us(0.90):N1} µs");
        Report.Line("p99", $"{Us(0.99):N1} µs");
        Report.Line("p99.9", $"{Us(0.999):N1} µs");
        Report.Line("max", $"{Us(1.0):N1} µs");
        Report.Line("allocated per call", $"{(double)allocated / calls:N0} B");
        Report.Line("GCs during run (gen0 / gen2)", $"{GC.CollectionCount(0) - gen0} / {GC.CollectionCount(2) - gen2}");
        return !enforce || Report.Target("p99", Us(0.99) / 1000, 5, atMost: true, "ms");
    }
}
