namespace LiveRank.Training.Trees;

/// <summary>
/// NDCG@k with LightGBM's lambdarank gains (2^label − 1) and log2 discounts, averaged over groups. Groups without a
/// relevant row have no ideal ranking and are left out; with none left the mean is 0. Tied scores keep row order.
/// </summary>
internal static class Ndcg
{
    public static double Mean(RankingRows rows, ReadOnlySpan<double> scores, int k)
    {
        var starts = rows.GroupStarts;
        int largest = 0;
        for (int g = 0; g < rows.GroupCount; g++) largest = Math.Max(largest, starts[g + 1] - starts[g]);
        var order = new int[largest];
        var ideal = new float[largest];
        var keys = new double[largest];
        double sum = 0;
        int counted = 0;
        for (int g = 0; g < rows.GroupCount; g++)
        {
            int start = starts[g], size = starts[g + 1] - start;
            rows.Labels.AsSpan(start, size).CopyTo(ideal);
            var idealLabels = ideal.AsSpan(0, size);
            idealLabels.Sort((a, b) => b.CompareTo(a));
            double best = Dcg(idealLabels, k);
            if (best <= 0) continue;

            for (int i = 0; i < size; i++)
            {
                order[i] = start + i;
                keys[i] = -scores[start + i];
            }
            // Stable on ties: the sort key is (−score, row), row being unique.
            Array.Sort(keys, order, 0, size, Comparer<double>.Default);
            SortTies(keys, order, size);
            double dcg = 0;
            for (int i = 0; i < Math.Min(k, size); i++) dcg += Gain(rows.Labels[order[i]]) / Math.Log2(i + 2);
            sum += dcg / best;
            counted++;
        }
        return counted == 0 ? 0 : sum / counted;
    }

    private static double Dcg(ReadOnlySpan<float> labelsInRankOrder, int k)
    {
        double dcg = 0;
        for (int i = 0; i < Math.Min(k, labelsInRankOrder.Length); i++) dcg += Gain(labelsInRankOrder[i]) / Math.Log2(i + 2);
        return dcg;
    }

    private static double Gain(float label) => Math.Pow(2, label) - 1;

    // Array.Sort is not stable: runs of equal keys are put back in row order.
    private static void SortTies(double[] keys, int[] order, int size)
    {
        int i = 0;
        while (i < size)
        {
            int j = i + 1;
            while (j < size && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(order, i, j - i);
            i = j;
        }
    }
}
