using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

/// <summary>
/// The adapter's maths written the plain way, in double precision, one scalar at a time: the reference the
/// vectorised inference and the batched training objective are checked against.
/// </summary>
internal static class AdapterReference
{
    /// <summary>h for a history (rows of <paramref name="vectors"/> given by <paramref name="items"/>), from θ in <paramref name="layout"/>.</summary>
    public static double[] User(AdapterLayout layout, double[] theta, float[] vectors, ReadOnlySpan<int> items, ReadOnlySpan<float> weights)
    {
        int d = layout.Dimension, r = layout.Rank;
        int m = items.Length;
        var logits = new double[m];
        for (int j = 0; j < m; j++)
        {
            double dot = 0;
            for (int i = 0; i < d; i++) dot += theta[layout.Query + i] * vectors[items[j] * d + i];
            logits[j] = theta[layout.PositionBias + m - 1 - j] + theta[layout.EventWeight] * (weights.IsEmpty ? 1 : weights[j]) + dot;
        }
        double max = logits.Length == 0 ? 0 : logits.Max();
        double sum = logits.Sum(a => Math.Exp(a - max));
        var pooled = new double[d];
        for (int j = 0; j < m; j++)
            for (int i = 0; i < d; i++) pooled[i] += Math.Exp(logits[j] - max) / sum * vectors[items[j] * d + i];
        var h = new double[r];
        for (int row = 0; row < layout.Factors; row++)
        {
            for (int i = 0; i < d; i++) h[row] += theta[layout.UserProjection + row * d + i] * pooled[i];
            if (layout.LastItemTerm && m > 0)
                for (int i = 0; i < d; i++) h[row] += theta[layout.LastItemProjection + row * d + i] * vectors[items[m - 1] * d + i];
        }
        if (layout.ItemBias) h[r - 1] = 1;
        return h;
    }

    /// <summary>g for an item: B·e plus its offset when the layout has offsets.</summary>
    public static double[] Item(AdapterLayout layout, double[] theta, float[] vectors, int item)
    {
        int d = layout.Dimension, r = layout.Rank;
        var g = new double[r];
        for (int row = 0; row < r; row++)
        {
            if (item < layout.ItemCount) g[row] = theta[layout.ItemOffsets + item * r + row];
            for (int i = 0; i < d; i++) g[row] += theta[layout.ItemProjection + row * d + i] * vectors[item * d + i];
        }
        return g;
    }

    /// <summary>The batch loss of <see cref="AdapterObjective"/> without dropout.</summary>
    public static double Loss(AdapterLayout layout, double[] theta, float[] vectors, int[][] sequences, float[][]? weights,
        AdapterExample[] batch, int[] sampled, bool inBatchNegatives, float[]? logQ, double l2)
    {
        int[] candidates = [.. batch.Select(e => sequences[e.User][e.Position]), .. sampled];
        var codes = candidates.Select(item => Item(layout, theta, vectors, item)).ToArray();
        double total = 0;
        for (int u = 0; u < batch.Length; u++)
        {
            var example = batch[u];
            int first = Math.Max(0, example.Position - layout.Window);
            var items = sequences[example.User].AsSpan(first, example.Position - first);
            var w = weights is null ? default : weights[example.User].AsSpan(first, example.Position - first);
            var h = User(layout, theta, vectors, items, w);
            var logits = new List<double>();
            double positive = 0;
            for (int j = 0; j < candidates.Length; j++)
            {
                bool excluded = j != u && (candidates[j] == candidates[u] || (!inBatchNegatives && j < batch.Length));
                if (excluded) continue;
                double s = 0;
                for (int row = 0; row < layout.Rank; row++) s += h[row] * codes[j][row];
                if (logQ is not null) s -= logQ[candidates[j]];
                logits.Add(s);
                if (j == u) positive = s;
            }
            double max = logits.Max();
            total += Math.Log(logits.Sum(s => Math.Exp(s - max))) + max - positive;
        }
        double penalty = 0;
        for (int i = 0; i < layout.ProjectionsEnd; i++) penalty += theta[i] * theta[i];
        for (int i = layout.ItemOffsets; i < layout.Length; i++) penalty += theta[i] * theta[i];
        return total / batch.Length + 0.5 * l2 * penalty;
    }
}
