namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// Seeded percentile bootstrap over users: 95% intervals for a mean, and a paired test between two systems
/// scored on the same users (resampling users keeps each user's pair together).
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 1000;

    public static (double Low, double High) ConfidenceInterval(ReadOnlySpan<double> values, int seed, int resamples = DefaultResamples)
    {
        var means = ResampledMeans(values, seed, resamples);
        return (Quantile(means, 0.025), Quantile(means, 0.975));
    }

    /// <summary>
    /// Paired bootstrap on per-user differences a − b: the mean difference, its 95% interval and a two-sided
    /// p-value for "no difference" (twice the share of resampled mean differences on the far side of zero,
    /// with the +1 correction so that p is never exactly 0).
    /// </summary>
    public static PairedComparison Paired(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int seed, int resamples = DefaultResamples)
    {
        if (a.Length != b.Length) throw new ArgumentException("Paired samples must have the same users.");
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        double mean = d.Length == 0 ? 0 : d.Average();
        var means = ResampledMeans(d, seed, resamples);
        int below = 0, above = 0;
        foreach (double m in means)
        {
            if (m <= 0) below++;
            if (m >= 0) above++;
        }
        double p = Math.Min(1.0, 2.0 * (Math.Min(below, above) + 1) / (resamples + 1));
        return new PairedComparison(mean, Quantile(means, 0.025), Quantile(means, 0.975), p);
    }

    /// <summary>
    /// 95% interval of catalog coverage when the users are resampled: each resample's coverage is the share of the
    /// catalog in the union of the drawn users' lists. A resample holds only ~63% distinct users, so its coverage is
    /// biased low; the interval is therefore the percentile interval of the bootstrap distribution re-centred on the
    /// observed coverage ĉ, [q2.5 − b, q97.5 − b] with b = mean of the resamples − ĉ: it carries the spread, not the bias.
    /// </summary>
    public static (double Low, double High) CoverageInterval(IReadOnlyList<int[]> lists, int catalogSize, int seed, int resamples = DefaultResamples)
    {
        var random = new Random(seed);
        var coverage = new double[resamples];
        var stamp = new int[catalogSize];
        int n = lists.Count;
        for (int r = 0; r < resamples; r++)
        {
            int distinct = 0;
            for (int i = 0; i < n; i++)
                foreach (int item in lists[random.Next(n)])
                    if (stamp[item] != r + 1)
                    {
                        stamp[item] = r + 1;
                        distinct++;
                    }
            coverage[r] = catalogSize == 0 ? 0 : (double)distinct / catalogSize;
        }
        Array.Sort(coverage);
        double observed = Coverage(lists, catalogSize, stamp);
        double bias = coverage.Average() - observed;
        return (Math.Max(0, Quantile(coverage, 0.025) - bias), Math.Min(1, Quantile(coverage, 0.975) - bias));
    }

    private static double Coverage(IReadOnlyList<int[]> lists, int catalogSize, int[] stamp)
    {
        Array.Clear(stamp);
        int distinct = 0;
        foreach (var list in lists)
            foreach (int item in list)
                if (stamp[item] == 0)
                {
                    stamp[item] = 1;
                    distinct++;
                }
        return catalogSize == 0 ? 0 : (double)distinct / catalogSize;
    }

    internal static double[] ResampledMeans(ReadOnlySpan<double> values, int seed, int resamples)
    {
        var random = new Random(seed);
        var means = new double[resamples];
        int n = values.Length;
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += values[random.Next(n)];
            means[r] = n == 0 ? 0 : sum / n;
        }
        Array.Sort(means);
        return means;
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        if (sorted.Length == 0) return 0;
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }
}
