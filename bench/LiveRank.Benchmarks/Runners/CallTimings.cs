using System.Diagnostics;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Times every single call of a runner with <see cref="Stopwatch.GetTimestamp"/> after a JIT warm-up, and prints the
/// per-call percentiles, throughput, allocation and GC counts the runners report: what BenchmarkDotNet's iteration
/// percentiles cannot show.
/// </summary>
internal sealed class CallTimings
{
    private readonly long[] _ticks;

    private CallTimings(long[] sortedTicks, double seconds, long allocated, int gen0, int gen2)
    {
        _ticks = sortedTicks;
        Seconds = seconds;
        AllocatedBytes = allocated;
        Gen0 = gen0;
        Gen2 = gen2;
    }

    public int Calls => _ticks.Length;
    public double Seconds { get; }
    public long AllocatedBytes { get; }
    public int Gen0 { get; }
    public int Gen2 { get; }

    public double Microseconds(double quantile) => _ticks[Math.Min(Calls - 1, (int)(quantile * Calls))] * 1_000_000.0 / Stopwatch.Frequency;

    /// <summary>Runs <paramref name="call"/>(i) for i in 0..calls−1 after <paramref name="warmup"/> untimed calls.</summary>
    public static CallTimings Measure(int calls, Action<int> call, int warmup = 2_000)
    {
        for (int i = 0; i < warmup; i++) call(i);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var ticks = new long[calls];
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call(i);
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(ticks);
        return new CallTimings(ticks, seconds, allocated, GC.CollectionCount(0) - gen0, GC.CollectionCount(2) - gen2);
    }

    public void Print(string label)
    {
        Console.WriteLine($"{label}: {Calls:N0} calls, {Calls / Seconds:N0} calls/s on one thread");
        Report.Line("p50", $"{Microseconds(0.50):N1} µs");
        Report.Line("p90", $"{Microseconds(0.90):N1} µs");
        Report.Line("p99", $"{Microseconds(0.99):N1} µs");
        Report.Line("p99.9", $"{Microseconds(0.999):N1} µs");
        Report.Line("max", $"{Microseconds(1.0):N1} µs");
        Report.Line("allocated per call", $"{(double)AllocatedBytes / Calls:N0} B");
        Report.Line("GCs during run (gen0 / gen2)", $"{Gen0} / {Gen2}");
    }
}
