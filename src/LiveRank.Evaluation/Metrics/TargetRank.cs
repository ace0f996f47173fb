namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// The 1-based rank of the target among scored items. Ties with the target are broken uniformly at random
/// (seeded), which is what an arbitrary sort does on average without favouring or punishing constant scorers
/// (popularity scores thousands of items zero). NaN counts as the lowest score.
/// </summary>
public static class TargetRank
{
    /// <summary>Rank among all items whose <paramref name="excluded"/> flag is false (the target is never excluded).</summary>
    public static int AmongAll(ReadOnlySpan<float> scores, int target, ReadOnlySpan<bool> excluded, Random random)
    {
        float t = Clean(scores[target]);
        int greater = 0, ties = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (i == target || excluded[i]) continue;
            float s = Clean(scores[i]);
            if (s > t) greater++;
            else if (s == t) ties++;
        }
        return 1 + greater + (ties == 0 ? 0 : random.Next(ties + 1));
    }

    /// <summary>Rank of <c>scores[targetIndex]</c> within a candidate list's scores.</summary>
    public static int AmongCandidates(ReadOnlySpan<float> scores, int targetIndex, Random random)
    {
        float t = Clean(scores[targetIndex]);
        int greater = 0, ties = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (i == targetIndex) continue;
            float s = Clean(scores[i]);
            if (s > t) greater++;
            else if (s == t) ties++;
        }
        return 1 + greater + (ties == 0 ? 0 : random.Next(ties + 1));
    }

    private static float Clean(float s) => float.IsNaN(s) ? float.NegativeInfinity : s;
}
