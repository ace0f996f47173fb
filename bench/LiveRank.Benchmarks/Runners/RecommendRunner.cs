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
        var timings = CallTimings.Measure(calls, i => reranker.Recommend(requests[i % requests.Length]), warmup: Math.Min(calls, 2_000));
        timings.Print($"recommend, 10 items, {label}");
        return !enforce || Report.Target("p99", timings.Microseconds(0.99) / 1000, 5, atMost: true, "ms");
    }
}
