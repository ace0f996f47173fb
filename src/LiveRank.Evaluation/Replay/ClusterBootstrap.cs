using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// Percentile bootstrap of a per-event mean when events come in clusters (a user's events are not independent):
/// users are resampled with replacement and each resample's mean is Σ values ÷ Σ events over the drawn users.
/// </summary>
internal static class ClusterBootstrap
{
    public static (double Mean, double Low, double High) Mean(double[] sums, int[] counts, int seed, int resamples)
    {
        var means = Resample(sums, counts, seed, resamples);
        return (Ratio(sums, counts), Bootstrap.Quantile(means, 0.025), Bootstrap.Quantile(means, 0.975));
    }

    /// <summary>Paired: <paramref name="a"/> − <paramref name="b"/> per user, with the two-sided p-value of <see cref="Bootstrap.Paired"/>.</summary>
    public static PairedComparison Paired(double[] a, double[] b, int[] counts, int seed, int resamples)
    {
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++) d[i] = a[i] - b[i];
        var means = Resample(d, counts, seed, resamples);
        int below = 0, above = 0;
        foreach (double m in means)
        {
            if (m <= 0) below++;
            if (m >= 0) above++;
        }
        double p = Math.Min(1.0, 2.0 * (Math.Min(below, above) + 1) / (resamples + 1));
        return new PairedComparison(Ratio(d, counts), Bootstrap.Quantile(means, 0.025), Bootstrap.Quantile(means, 0.975), p);
    }

    private static double[] Resample(double[] sums, int[] counts, int seed, int resamples)
    {
        var random = new Random(seed);
        var means = new double[resamples];
        int n = sums.Length;
        for (int r = 0; r < resamples; r++)
        {
            double sum = 0;
            long count = 0;
            for (int i = 0; i < n; i++)
            {
                int u = random.Next(n);
                sum += sums[u];
                count += counts[u];
            }
            means[r] = count == 0 ? 0 : sum / count;
        }
        Array.Sort(means);
        return means;
    }

    private static double Ratio(double[] sums, int[] counts)
    {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < sums.Length; i++)
        {
            sum += sums[i];
            count += counts[i];
        }
        return count == 0 ? 0 : sum / count;
    }
}
