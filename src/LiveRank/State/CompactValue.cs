namespace LiveRank.State;

/// <summary>
/// An event value squeezed into one byte so that a user's 200 recent events fit in under 2 KB.
/// Persisted inside snapshots: the encoding must stay stable.
/// <list type="bullet">
/// <item>0 means "no value"; bit 7 is the sign.</item>
/// <item>Magnitude codes 1..100 hold 0, 0.5, 1 … 49.5 exactly (ratings, quantities).</item>
/// <item>Codes 101..127 hold 50·1.35^(code−101), up to about 1.2·10⁵ (dwell seconds), within 17%.</item>
/// </list>
/// The exact value stays in the durable event log; only real-time state is compact.
/// </summary>
public static class CompactValue
{
    private const double LogBase = 1.35;
    private static readonly double LnBase = Math.Log(LogBase);

    public static byte Encode(double? value)
    {
        if (value is not double v || !double.IsFinite(v)) return 0;
        double a = Math.Abs(v);
        int code = a < 49.75
            ? 1 + (int)Math.Round(a * 2, MidpointRounding.AwayFromZero)
            : 101 + (int)Math.Round(Math.Log(a / 50) / LnBase);
        code = Math.Clamp(code, 1, 127);
        return (byte)(v < 0 ? code | 0x80 : code);
    }

    /// <summary>Decodes to the stored value, or NaN for "no value".</summary>
    public static float Decode(byte code)
    {
        if (code == 0) return float.NaN;
        int m = code & 0x7F;
        double a = m <= 100 ? (m - 1) * 0.5 : 50 * Math.Pow(LogBase, m - 101);
        return (float)((code & 0x80) != 0 ? -a : a);
    }
}
