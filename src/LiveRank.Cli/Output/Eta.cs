using System.Diagnostics;

namespace LiveRank.Cli.Output;

/// <summary>
/// Time-left estimates for the plain (logged, non-interactive) progress lines of long jobs; the interactive bars use
/// Spectre's remaining-time column. Linear in the share done: honest enough for jobs whose steps cost alike.
/// </summary>
internal sealed class Eta
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>", ETA 1m05s" for a share strictly between 0 and 1, else empty.</summary>
    public string Suffix(double fraction) => Suffix(Elapsed, fraction);

    internal static string Suffix(TimeSpan elapsed, double fraction)
    {
        if (!(fraction > 0 && fraction < 1)) return "";
        var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction);
        return $", ETA {Format(remaining)}";
    }

    public static string Format(TimeSpan t) => t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s"
        : $"{Math.Ceiling(t.TotalSeconds):0}s";
}
