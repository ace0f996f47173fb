using System.Buffers;
using System.Numerics.Tensors;
using LiveRank.Semantics;

namespace LiveRank.Policies;

/// <summary>
/// The diversity step: maximal marginal relevance on LM item vectors. Picks, one position at a time, the item
/// maximising (1 − λ)·rel − λ·max cos(item, items already picked), relevance being the score min–max scaled to [0, 1]
/// over the pool (the same convention as the P5 sweep, so a λ measured offline means the same here). It fills the
/// first <c>min(limit, 100)</c> positions from a pool of the top three times that many; the rest keep their order.
/// Items without a vector have similarity 0 to everything. Ties go to the better-ranked item.
/// </summary>
public static class MmrDiversifier
{
    /// <summary>Most positions MMR fills (its cost grows with positions × pool × dimension).</summary>
    public const int MaxPositions = 100;

    public static void Apply(List<PolicyEntry> entries, double lambda, ItemVectorTable? vectors, int limit)
    {
        if (lambda <= 0 || vectors is null || entries.Count < 2) return;
        lambda = Math.Min(lambda, 1);
        int k = Math.Min(Math.Min(limit, MaxPositions), entries.Count);
        int pool = Math.Min(entries.Count, 3 * k);
        int d = vectors.Dimension;
        var matrix = ArrayPool<float>.Shared.Rent(pool * d);
        var relevance = new double[pool];
        var maxSimilarity = new double[pool];
        var hasVector = new bool[pool];
        try
        {
            float high = float.NegativeInfinity, low = float.PositiveInfinity;
            for (int i = 0; i < pool; i++)
            {
                var e = entries[i];
                hasVector[i] = e.ItemIndex >= 0 && vectors.TryCopy(e.ItemIndex, matrix.AsSpan(i * d, d));
                if (!float.IsFinite(e.Score)) continue;
                high = Math.Max(high, e.Score);
                low = Math.Min(low, e.Score);
            }
            for (int i = 0; i < pool; i++)
            {
                float s = entries[i].Score;
                relevance[i] = !float.IsFinite(s) ? 0 : high > low ? (s - low) / (high - low) : 1;
            }

            var picked = new PolicyEntry[k];
            var taken = new bool[pool];
            for (int r = 0; r < k; r++)
            {
                int best = -1;
                double bestValue = double.NegativeInfinity;
                for (int i = 0; i < pool; i++)
                {
                    if (taken[i]) continue;
                    double value = (1 - lambda) * relevance[i] - lambda * maxSimilarity[i];
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = i;
                    }
                }
                taken[best] = true;
                picked[r] = entries[best];
                if (!hasVector[best]) continue;
                var row = matrix.AsSpan(best * d, d);
                for (int i = 0; i < pool; i++)
                {
                    if (taken[i] || !hasVector[i]) continue;
                    maxSimilarity[i] = Math.Max(maxSimilarity[i], TensorPrimitives.Dot(row, matrix.AsSpan(i * d, d)));
                }
            }

            var rest = new List<PolicyEntry>(entries.Count - k);
            for (int i = 0; i < entries.Count; i++)
                if (i >= pool || !taken[i]) rest.Add(entries[i]);
            entries.Clear();
            entries.AddRange(picked);
            entries.AddRange(rest);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(matrix);
        }
    }
}
