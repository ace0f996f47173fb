using System.Globalization;

namespace LiveRank.Benchmarks.Runners;

/// <summary>Console lines the runners print: one figure per line, invariant culture, target and verdict.</summary>
internal static class Report
{
    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static void Line(string what, string value) => Console.WriteLine($"  {what,-44} {value}");

    /// <summary>Prints the verdict; returns false when the target is missed.</summary>
    public static bool Target(string what, double value, double limit, bool atMost, string unit)
    {
        bool met = atMost ? value <= limit : value >= limit;
        Console.WriteLine($"  {(met ? "PASS" : "MISS")} {what}: {Number(value, "N2")} {unit} (target {(atMost ? "≤" : "≥")} {Number(limit, "0.##")} {unit})");
        return met;
    }

    public static void Environment()
    {
        Console.WriteLine($"# {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z  .NET {System.Environment.Version}  {System.Environment.ProcessorCount} cores  "
            + $"Server GC={System.Runtime.GCSettings.IsServerGC}  {(IsRelease ? "Release" : "DEBUG (figures not representative)")}  "
            + $"load average {LoadAverage()}");
    }

    /// <summary>Other processes on a 2-core machine move these figures a lot; the load average says how busy it was.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

#if DEBUG
    public const bool IsRelease = false;
#else
    public const bool IsRelease = true;
#endif
}
