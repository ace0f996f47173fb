namespace LiveRank.Testing;

/// <summary>
/// Ranks 0..n−1 drawn with probability ∝ 1/(rank+1)^exponent: a few head items get most interactions, a long
/// tail gets a few each, as in real catalogs. Sampling is a binary search over the cumulative distribution.
/// </summary>
public sealed class ZipfDistribution
{
    private readonly double[] _cumulative;

    public ZipfDistribution(int count, double exponent = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _cumulative = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, exponent);
            _cumulative[i] = sum;
        }
        for (int i = 0; i < count; i++) _cumulative[i] /= sum;
    }

    public int Count => _cumulative.Length;

    public int Sample(ref SplitMix64 random)
    {
        int at = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(at < 0 ? ~at : at, _cumulative.Length - 1);
    }
}
