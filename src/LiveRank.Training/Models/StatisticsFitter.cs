using System.Numerics.Tensors;
using LiveRank.Retrieval;
using LiveRank.Scoring.Models;
using LiveRank.Training.LinearAlgebra;

namespace LiveRank.Training.Models;

/// <summary>
/// Fits everything a model counts from interactions — item statistics, co-visitation (directed and symmetric),
/// Markov transitions, EASE, the popularity order — on one log. Training fits it once per truncated split (so each
/// split's features see only what came before its targets) and once on the whole log for the served model.
/// </summary>
public static class StatisticsFitter
{
    /// <summary>Settings of the sparse retrievers (chosen on P1 validation for the co-visitation baseline).</summary>
    public sealed record Options
    {
        public int CoVisitationWindow { get; init; } = 5;
        public int SymmetricWindow { get; init; } = 10;
        public int NeighboursPerItem { get; init; } = 100;
        public double EaseLambda { get; init; } = 200;

        /// <summary>EASE inverts an items × items matrix; above this many items it is fitted on the most popular ones only.</summary>
        public int EaseMaxItems { get; init; } = 6000;
    }

    public sealed record Fitted(ItemStatistics Statistics, ItemNeighbours CoVisitation, ItemNeighbours Symmetric,
        ItemNeighbours Markov, ItemNeighbours Ease, int[] PopularItems);

    public static Fitted Fit(TrainingLog log, Options options, string[] categoryNames, int[][] categoryIds)
    {
        int n = log.ItemCount;
        var statistics = Statistics(log, categoryNames, categoryIds);
        ItemNeighbours covis = null!, symmetric = null!, markov = null!, ease = null!;
        // The four fits are independent; EASE (a Cholesky inverse) dominates and parallelises inside itself.
        Parallel.Invoke(
            () => covis = Sequential(log, options.CoVisitationWindow, symmetric: false, options.NeighboursPerItem),
            () => symmetric = Sequential(log, options.SymmetricWindow, symmetric: true, options.NeighboursPerItem),
            () => markov = Sequential(log, 1, symmetric: false, options.NeighboursPerItem));
        ease = Ease(log, options);
        int[] popular = [.. Enumerable.Range(0, n).OrderByDescending(i => statistics.Times[i].Length).ThenBy(i => i).Take(Math.Min(n, 1000))];
        return new Fitted(statistics, covis, symmetric, markov, ease, popular);
    }

    public static ItemStatistics Statistics(TrainingLog log, string[] categoryNames, int[][] categoryIds)
    {
        int n = log.ItemCount;
        var times = new List<uint>[n];
        var sums = new double[n];
        for (int i = 0; i < n; i++) times[i] = [];
        for (int u = 0; u < log.UserCount; u++)
        {
            var sequence = log.Sequences[u];
            for (int p = 0; p < sequence.Length; p++)
            {
                times[sequence[p]].Add((uint)Math.Clamp(log.Times[u][p], 0, uint.MaxValue));
                sums[sequence[p]] += log.Weights[u][p];
            }
        }
        var sorted = new uint[n][];
        var mean = new float[n];
        for (int i = 0; i < n; i++)
        {
            sorted[i] = [.. times[i]];
            Array.Sort(sorted[i]);
            mean[i] = sorted[i].Length == 0 ? 0 : (float)(sums[i] / sorted[i].Length);
        }
        return new ItemStatistics(sorted, mean, categoryIds, categoryNames, (float[])log.Prices.Clone());
    }

    /// <summary>
    /// Co-visitation within a window of positions: each item counts the next <paramref name="window"/> items (and, when
    /// <paramref name="symmetric"/>, the previous ones, each weighted 1/distance); rows are normalised to sum 1 so that
    /// frequent items do not dominate. Window 1 is a first-order Markov transition model.
    /// </summary>
    public static ItemNeighbours Sequential(TrainingLog log, int window, bool symmetric, int perRow)
    {
        int n = log.ItemCount;
        var rows = new Dictionary<int, float>[n];
        for (int i = 0; i < n; i++) rows[i] = [];
        foreach (var sequence in log.Sequences)
        {
            for (int t = 0; t < sequence.Length; t++)
            {
                var row = rows[sequence[t]];
                int end = Math.Min(sequence.Length, t + 1 + window);
                for (int s = t + 1; s < end; s++)
                {
                    if (sequence[s] == sequence[t]) continue;
                    float weight = symmetric ? 1f / (s - t) : 1f;
                    row[sequence[s]] = row.GetValueOrDefault(sequence[s]) + weight;
                    if (symmetric) rows[sequence[s]][sequence[t]] = rows[sequence[s]].GetValueOrDefault(sequence[t]) + weight;
                }
            }
        }
        foreach (var row in rows)
        {
            float sum = 0;
            foreach (float v in row.Values) sum += v;
            if (sum <= 0) continue;
            foreach (int key in row.Keys.ToArray()) row[key] /= sum;
        }
        return ItemNeighbours.FromRows(rows, perRow);
    }

    /// <summary>
    /// EASE (<see cref="EaseSolver"/>) on binary user rows; each item keeps its strongest positive weights. Above <see cref="Options.EaseMaxItems"/> items
    /// the most popular ones are fitted and the rest have no EASE row.
    /// </summary>
    public static ItemNeighbours Ease(TrainingLog log, Options options)
    {
        int n = log.ItemCount;
        var counts = new int[n];
        foreach (var sequence in log.Sequences) foreach (int item in sequence.Distinct()) counts[item]++;
        int[] kept = [.. Enumerable.Range(0, n).Where(i => counts[i] > 0).OrderByDescending(i => counts[i]).ThenBy(i => i).Take(options.EaseMaxItems).Order()];
        int k = kept.Length;
        var local = new int[n];
        Array.Fill(local, -1);
        for (int j = 0; j < k; j++) local[kept[j]] = j;
        var rowsOut = new Dictionary<int, float>[n];
        for (int i = 0; i < n; i++) rowsOut[i] = [];
        if (k == 0) return ItemNeighbours.FromRows(rowsOut, options.NeighboursPerItem);

        var b = EaseSolver.Weights(EaseSolver.Gram(log.Sequences, k, item => local[item]), k, options.EaseLambda);
        var weights = new float[k];
        var order = new int[k];
        for (int i = 0; i < k; i++)
        {
            b.AsSpan(i * k, k).CopyTo(weights);
            // Keep the strongest positive weights of the row (what scoring an item's neighbours reads).
            for (int j = 0; j < k; j++) order[j] = j;
            var keys = weights.Select(w => -w).ToArray();
            Array.Sort(keys, order);
            var row = rowsOut[kept[i]];
            for (int j = 0; j < Math.Min(options.NeighboursPerItem, k) && -keys[j] > 0; j++) row[kept[order[j]]] = -keys[j];
        }
        return ItemNeighbours.FromRows(rowsOut, options.NeighboursPerItem);
    }

    /// <summary>Each item's <paramref name="perItem"/> nearest items by LM cosine (positive only), computed in parallel blocks.</summary>
    public static ItemNeighbours LmNeighbours(float[] vectors, int n, int dimension, int perItem, CancellationToken cancellationToken = default)
    {
        var rows = new Dictionary<int, float>[n];
        var has = new bool[n];
        for (int i = 0; i < n; i++) has[i] = vectors.AsSpan(i * dimension, dimension).ContainsAnyExcept(0f);
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, () => (new float[n], new int[n]), (i, _, buffers) =>
        {
            var (scores, order) = buffers;
            var row = new Dictionary<int, float>();
            rows[i] = row;
            if (!has[i]) return buffers;
            var v = vectors.AsSpan(i * dimension, dimension);
            for (int j = 0; j < n; j++)
            {
                scores[j] = has[j] && j != i ? -TensorPrimitives.Dot(v, vectors.AsSpan(j * dimension, dimension)) : 0f;
                order[j] = j;
            }
            Array.Sort(scores, order);
            for (int j = 0; j < Math.Min(perItem, n) && -scores[j] > 0; j++) row[order[j]] = -scores[j];
            return buffers;
        }, _ => { });
        return ItemNeighbours.FromRows(rows, perItem);
    }
}
