using System.Globalization;

namespace LiveRank.Storage.Redis;

/// <summary>A Redis stream entry id (<c>milliseconds-sequence</c>): ordered, so "applied up to" is one comparison.</summary>
internal readonly record struct LogPosition(ulong Milliseconds, ulong Sequence) : IComparable<LogPosition>
{
    public static readonly LogPosition Start = new(0, 0);

    public int CompareTo(LogPosition other)
    {
        int c = Milliseconds.CompareTo(other.Milliseconds);
        return c != 0 ? c : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(LogPosition a, LogPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(LogPosition a, LogPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogPosition a, LogPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogPosition a, LogPosition b) => a.CompareTo(b) >= 0;

    /// <summary>The smallest id after this one (the exclusive start of a range read, and XTRIM MINID after a snapshot).</summary>
    public LogPosition Next => Sequence == ulong.MaxValue ? new(Milliseconds + 1, 0) : new(Milliseconds, Sequence + 1);

    public static LogPosition Parse(string id)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new(ulong.Parse(id, CultureInfo.InvariantCulture), 0)
            : new(ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
