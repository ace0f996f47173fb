namespace LiveRank.Evaluation.Diversity;

/// <summary>
/// Maximal marginal relevance (Carbonell &amp; Goldstein 1998) over a system's top candidates: repeatedly take the
/// candidate maximising (1 − λ)·rel(i) − λ·max_{j chosen} cos(i, j). Relevance is the system's score min–max
/// scaled to [0, 1] within the pool, so one λ means the same trade-off for every system. λ = 0 keeps the
/// system's order; ties go to the better-ranked candidate.
/// </summary>
public static class MmrReranker
{
    /// <param name="poolScores">The pool's scores, best first (the pool is the system's top list).</param>
    /// <param name="similarity">Pool × pool cosine similarities, row-major.</param>
    /// <param name="output">Receives pool positions, best first; its length is how many to choose.</param>
    /// <param name="scratch">At least 2 × pool length doubles.</param>
    public static void Rerank(ReadOnlySpan<float> poolScores, ReadOnlySpan<float> similarity, double lambda, Span<int> output, Span<double> scratch)
    {
        int n = poolScores.Length;
        int k = Math.Min(output.Length, n);
        var relevance = scratch[..n];
        var maxSimilarity = scratch.Slice(n, n);
        float high = float.NegativeInfinity, low = float.PositiveInfinity;
        foreach (float s in poolScores)
        {
            if (!float.IsFinite(s)) continue;
            high = Math.Max(high, s);
            low = Math.Min(low, s);
        }
        for (int i = 0; i < n; i++)
        {
            float s = poolScores[i];
            relevance[i] = !float.IsFinite(s) ? 0 : high > low ? (s - low) / (high - low) : 1;
            maxSimilarity[i] = double.NegativeInfinity; // marks "not chosen"; set to the max similarity once something is
        }
        for (int r = 0; r < k; r++)
        {
            int best = -1;
            double bestValue = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                if (double.IsNaN(maxSimilarity[i])) continue; // chosen
                double penalty = r == 0 ? 0 : maxSimilarity[i];
                double value = (1 - lambda) * relevance[i] - lambda * penalty;
                if (value > bestValue)
                {
                    bestValue = value;
                    best = i;
                }
            }
            output[r] = best;
            maxSimilarity[best] = double.NaN;
            var row = similarity.Slice(best * n, n);
            for (int i = 0; i < n; i++)
                if (!double.IsNaN(maxSimilarity[i])) maxSimilarity[i] = Math.Max(maxSimilarity[i], row[i]);
        }
    }
}
