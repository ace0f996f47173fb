namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// The best k items of a full score vector, best first, skipping excluded items. Ties are broken by a seeded hash
/// of (seed, user, item): a fixed random order per user and seed, as <see cref="TargetRank"/> breaks ties at random.
/// NaN counts as the lowest score.
/// </summary>
public static class TopList
{
    /// <returns>How many items were written (fewer than <paramref name="output"/>'s length when fewer are eligible).</returns>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<bool> excluded, int seed, int user, Span<int> output)
    {
        int k = output.Length, count = 0;
        Span<float> keys = k <= 256 ? stackalloc float[k] : new float[k];
        Span<ulong> ties = k <= 256 ? stackalloc ulong[k] : new ulong[k];
        for (int item = 0; item < scores.Length; item++)
        {
            if (excluded[item]) continue;
            float s = float.IsNaN(scores[item]) ? float.NegativeInfinity : scores[item];
            // Most items lose to the current k-th: compare against it before hashing.
            if (count == k && s < keys[k - 1]) continue;
            ulong tie = Hash(seed, user, item);
            if (count == k && s == keys[k - 1] && tie >= ties[k - 1]) continue;
            int position = count < k ? count++ : k - 1;
            while (position > 0 && (keys[position - 1] < s || (keys[position - 1] == s && ties[position - 1] > tie)))
            {
                keys[position] = keys[position - 1];
                ties[position] = ties[position - 1];
                output[position] = output[position - 1];
                position--;
            }
            keys[position] = s;
            ties[position] = tie;
            output[position] = item;
        }
        return count;
    }

    /// <summary>SplitMix64 of the three ids: stable across runs and platforms.</summary>
    internal static ulong Hash(int seed, int user, int item)
    {
        ulong z = unchecked(((ulong)(uint)seed << 40) ^ ((ulong)(uint)user << 20) ^ (uint)item) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
