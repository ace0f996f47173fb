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
        var timings = CallTimings.Measure(calls, i => reranker.Rank(requests[i % requests.Length]), warmup: 20_000);
        timings.Print($"rerank, 100 candidates, {label}");
        if (!enforce) return true;
        bool p50 = p50Target is not { } target || Report.Target("p50", timings.Microseconds(0.50), target, atMost: true, "µs");
        bool p99 = Report.Target("p99", timings.Microseconds(0.99), p99Target, atMost: true, "µs");
        return p50 && p99;
    }
}
