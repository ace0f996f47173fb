namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P2 candidate lists: per test user the true item plus N negatives drawn uniformly without replacement from the
/// items the user never interacted with (in any split), shuffled. The short list (1 + 19) takes the first 19 of
/// the same 99 draws, which is itself a uniform draw, so a ranking file for the 1 + 99 lists also scores the
/// 1 + 19 lists.
/// </summary>
public static class SampledCandidates
{
    public const int Negatives = 99;
    public const int ShortNegatives = 19;

    /// <summary>The 1 + 99 and 1 + 19 lists for one seed, users in ascending order.</summary>
    public static (CandidateList[] Long, CandidateList[] Short) Draw(LeaveOneOutSplit split, int seed,
        int negatives = Negatives, int shortNegatives = ShortNegatives)
    {
        var longLists = new List<CandidateList>();
        var shortLists = new List<CandidateList>();
        var seen = new bool[split.ItemCount];
        var pool = new List<int>(split.ItemCount);
        for (int user = 0; user < split.UserCount; user++)
        {
            if (!split.HasHoldout(user)) continue;
            var sequence = split.Sequences[user];
            foreach (int item in sequence) seen[item] = true;
            pool.Clear();
            for (int item = 0; item < split.ItemCount; item++) if (!seen[item]) pool.Add(item);
            foreach (int item in sequence) seen[item] = false;
            if (pool.Count < negatives)
                throw new InvalidOperationException(
                    $"User '{split.UserIds[user]}' has only {pool.Count} unseen items; {negatives} negatives are needed.");

            var random = SeededRandom.For(seed, user, 2);
            // Partial Fisher–Yates: the first `negatives` entries of the pool become a uniform sample.
            for (int i = 0; i < negatives; i++)
            {
                int j = i + random.Next(pool.Count - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
            int target = split.TestItem(user);
            longLists.Add(Shuffle(user, target, pool, negatives, random));
            shortLists.Add(Shuffle(user, target, pool, Math.Min(shortNegatives, negatives), random));
        }
        return ([.. longLists], [.. shortLists]);
    }

    private static CandidateList Shuffle(int user, int target, List<int> pool, int count, Random random)
    {
        var items = new int[count + 1];
        items[0] = target;
        for (int i = 0; i < count; i++) items[i + 1] = pool[i];
        random.Shuffle(items);
        return new CandidateList(user, items, Array.IndexOf(items, target));
    }
}
