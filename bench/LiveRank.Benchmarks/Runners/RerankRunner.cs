using System.Diagnostics;
using LiveRank.Domain;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Times every single rerank call (100 candidates, users with 200 events) with <see cref="Stopwatch.GetTimestamp"/>
/// and reports per-call percentiles and allocated bytes per call: what BenchmarkDotNet's iteration percentiles
/// cannot show.
/// </summary>
internal static class RerankRunner
{
    public static int Run(string[] args)
    {
        bool withoutLm = args.Contains("--no-lm");
        var precision = args.SkipWhile(a => a != "--precision").Skip(1).Select(Enum.Parse<LiveRank.Semantics.VectorPrecision>).FirstOrDefault();
        args = [.. args.Where(a => a.Length > 0 && char.IsAsciiDigit(a[0]))];
        int calls = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        Report.Environment();
        var setup = Stopwatch.StartNew();
        var fixture = RerankFixture.Create(RerankFixture.DefaultStream, semantic: !withoutLm, precision: precision);
        Console.WriteLine($"state: {fixture.State.ItemCount:N0} items, {fixture.State.UserCount:N0} users, built in {setup.Elapsed.TotalSeconds:N1} s; " +
            $"scorer {fixture.Reranker.Model}" + (withoutLm ? "" : $", item vectors {precision}"));
        var requests = fixture.WarmRequests(1024);
        var cold = fixture.ColdRequests(1024);

        // Targets: p50 ≤ 50 µs / p99 ≤ 200 µs without the LM terms; p99 ≤ 300 µs with them (no LM call on the path).
        bool ok = Measure("user with 200 events", fixture, requests, calls, enforce: true, p50Target: withoutLm ? 50 : null, p99Target: withoutLm ? 200 : 300);
        Measure("cold user", fixture, cold, calls, enforce: false, null, 0);
        return ok ? 0 : 1;
    }

    private static bool Measure(string label, RerankFixture fixture, RankRequest[] requests, int calls, bool enforce, double? p50Target, double p99Target)
    {
        var reranker = fixture.Reranker;
        // Warm-up: tiered JIT reaches the optimised code before timing starts.
        for (int i = 0; i < 20_000; i++) reranker.Rank(requests[i % requests.Length]);
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
            reranker.Rank(request);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        double total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(ticks);

        double Us(double q) => ticks[Math.Min(calls - 1, (int)(q * calls))] * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine($"rerank, 100 candidates, {label}: {calls:N0} calls, {calls / total:N0} calls/s on one thread");
        Report.Line("p50", $"{Us(0.50):N1} µs");
        Report.Line("p90", $"{Us(0.90):N1} µs");
        Report.Line("p99", $"{Us(0.99):N1} µs");
        Report.Line("p99.9", $"{Us(0.999):N1} µs");
        Report.Line("max", $"{Us(1.0):N1} µs");
        Report.Line("allocated per call", $"{(double)allocated / calls:N0} B");
        Report.Line("GCs during run (gen0 / gen2)", $"{GC.CollectionCount(0) - gen0} / {GC.CollectionCount(2) - gen2}");
        if (!enforce) return true;
        bool p50 = p50Target is not { } target || Report.Target("p50", Us(0.50), target, atMost: true, "µs");
        bool p99 = Report.Target("p99", Us(0.99), p99Target, atMost: true, "µs");
        return p50 && p99;
    }
}
