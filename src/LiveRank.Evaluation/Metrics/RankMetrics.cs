namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// Top-k metrics for one relevant item per user, from its 1-based rank. With a single relevant item Recall@k
/// and HR@k coincide, NDCG@k is 1/log2(rank+1) (the ideal DCG is 1) and MRR@k is 1/rank, each zero past k.
/// </summary>
public static class RankMetrics
{
    public static readonly int[] Cutoffs = [1, 5, 10, 20];

    /// <summary>Metric families in report order.</summary>
    public static readonly string[] Families = ["NDCG", "Recall", "MRR", "HR"];

    /// <summary>All metric names, family-major: NDCG@1, NDCG@5, …, HR@20.</summary>
    public static readonly string[] Names = [.. Families.SelectMany(f => Cutoffs.Select(k => $"{f}@{k}"))];

    public static double Ndcg(int rank, int k) => rank >= 1 && rank <= k ? 1.0 / Math.Log2(rank + 1.0) : 0.0;
    public static double Recall(int rank, int k) => rank >= 1 && rank <= k ? 1.0 : 0.0;
    public static double HitRate(int rank, int k) => Recall(rank, k);
    public static double Mrr(int rank, int k) => rank >= 1 && rank <= k ? 1.0 / rank : 0.0;

    /// <summary>Fills <paramref name="values"/> (length <see cref="Names"/>.Length) in the order of <see cref="Names"/>.</summary>
    public static void Compute(int rank, Span<double> values)
    {
        int n = Cutoffs.Length;
        for (int c = 0; c < n; c++)
        {
            int k = Cutoffs[c];
            values[c] = Ndcg(rank, k);
            values[n + c] = Recall(rank, k);
            values[2 * n + c] = Mrr(rank, k);
            values[3 * n + c] = HitRate(rank, k);
        }
    }
}
