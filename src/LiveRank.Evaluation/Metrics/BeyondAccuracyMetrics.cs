using System.Numerics.Tensors;
using LiveRank.Evaluation.Diversity;

namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// Protocol P5's beyond-accuracy metrics of top-k lists (dense item ids, best first). Each works on spans and
/// caller-owned scratch, so scoring a user allocates nothing.
/// </summary>
public static class BeyondAccuracyMetrics
{
    /// <summary>Clarke et al.'s redundancy penalty: a subtopic already covered r times adds (1 − α)^r.</summary>
    public const double Alpha = 0.5;

    /// <summary>Genre sets of the held-out item beyond this many genres are cut (α-NDCG's ideal enumerates 2^n signatures).</summary>
    public const int MaxSubtopics = 16;

    /// <summary>Catalog coverage: the share of the catalog's items that appear in at least one list.</summary>
    public static double Coverage(IEnumerable<int[]> lists, int catalogSize)
    {
        var seen = new bool[catalogSize];
        int distinct = 0;
        foreach (var list in lists)
            foreach (int item in list)
                if (!seen[item])
                {
                    seen[item] = true;
                    distinct++;
                }
        return catalogSize == 0 ? 0 : (double)distinct / catalogSize;
    }

    /// <summary>Intra-list diversity: 1 − the mean cosine over all pairs of the list's items (0 for fewer than two items).</summary>
    public static double IntraListDiversity(ReadOnlySpan<int> list, IItemVectors vectors)
    {
        if (list.Length < 2) return 0;
        double sum = 0;
        for (int a = 0; a < list.Length; a++)
            for (int b = a + 1; b < list.Length; b++) sum += Cosine(vectors[list[a]], vectors[list[b]]);
        int pairs = list.Length * (list.Length - 1) / 2;
        return 1 - sum / pairs;
    }

    /// <summary>Cosine similarity; the vectors are unit length, so it is their dot product (0 when one is zero).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);

    /// <summary>Novelty: the mean self-information −log2 p(i) of the list's items (p from <see cref="SelfInformation"/>).</summary>
    public static double Novelty(ReadOnlySpan<int> list, ReadOnlySpan<double> selfInformation)
    {
        if (list.IsEmpty) return 0;
        double sum = 0;
        foreach (int item in list) sum += selfInformation[item];
        return sum / list.Length;
    }

    /// <summary>
    /// −log2 of each item's popularity share count(i) / Σ counts; an item never seen counts as seen once (its
    /// share is otherwise zero and its novelty infinite).
    /// </summary>
    public static double[] SelfInformation(ReadOnlySpan<int> counts)
    {
        double total = 0;
        foreach (int c in counts) total += c;
        var information = new double[counts.Length];
        for (int i = 0; i < counts.Length; i++) information[i] = -Math.Log2(Math.Max(counts[i], 1) / Math.Max(total, 1));
        return information;
    }

    /// <summary>
    /// Genre α-NDCG@k (Clarke et al. 2008) with the held-out item's genres as the subtopics: item d at rank r gains
    /// Σ_g J(d, g)·(1 − α)^{c_g}, where J(d, g) is 1 when d carries genre g and c_g counts the items above d that
    /// carry g; DCG discounts by log2(1 + r). The ideal list is built greedily (the exact ideal is NP-hard; Clarke
    /// et al. use the same greedy approximation): at each rank, the catalog item with the largest gain. Items are
    /// judged by genre alone, so the ideal may repeat a genre combination that several items share.
    /// </summary>
    /// <param name="list">The ranked list (its first <paramref name="k"/> items count).</param>
    /// <param name="targetGenres">The subtopics: genre ids of the held-out item.</param>
    /// <param name="genres">Every item's genres; the ideal ranks the whole catalog.</param>
    public static double AlphaNdcg(ReadOnlySpan<int> list, ReadOnlySpan<int> targetGenres, ItemGenres genres, int k = 10, double alpha = Alpha)
    {
        if (targetGenres.IsEmpty) return 0;
        int subtopics = Math.Min(targetGenres.Length, MaxSubtopics);
        targetGenres = targetGenres[..subtopics];
        Span<int> covered = stackalloc int[subtopics];

        double dcg = 0;
        int depth = Math.Min(k, list.Length);
        for (int r = 0; r < depth; r++)
        {
            int signature = Signature(genres.Of(list[r]), targetGenres);
            dcg += Gain(signature, covered, alpha, take: true) / Math.Log2(r + 2);
        }
        if (dcg == 0) return 0;

        // Greedy ideal over signatures (which of the subtopics an item covers) with the number of items of each.
        int[] counts = System.Buffers.ArrayPool<int>.Shared.Rent(1 << subtopics);
        try
        {
            var bySignature = counts.AsSpan(0, 1 << subtopics);
            bySignature.Clear();
            for (int item = 0; item < genres.ItemCount; item++) bySignature[Signature(genres.Of(item), targetGenres)]++;
            covered.Clear();
            double ideal = 0;
            for (int r = 0; r < k; r++)
            {
                int best = -1;
                double bestGain = 0;
                for (int s = 1; s < bySignature.Length; s++)
                {
                    if (bySignature[s] == 0) continue;
                    double gain = Gain(s, covered, alpha, take: false);
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        best = s;
                    }
                }
                if (best < 0) break;
                bySignature[best]--;
                ideal += Gain(best, covered, alpha, take: true) / Math.Log2(r + 2);
            }
            return ideal > 0 ? dcg / ideal : 0;
        }
        finally
        {
            System.Buffers.ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static int Signature(ReadOnlySpan<int> itemGenres, ReadOnlySpan<int> targetGenres)
    {
        int signature = 0;
        foreach (int g in itemGenres)
        {
            int index = targetGenres.IndexOf(g);
            if (index >= 0) signature |= 1 << index;
        }
        return signature;
    }

    private static double Gain(int signature, Span<int> covered, double alpha, bool take)
    {
        double gain = 0;
        for (int g = 0; g < covered.Length; g++)
        {
            if ((signature & (1 << g)) == 0) continue;
            gain += Math.Pow(1 - alpha, covered[g]);
            if (take) covered[g]++;
        }
        return gain;
    }
}
