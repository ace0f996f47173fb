namespace LiveRank.Policies;

/// <summary>
/// The boost and bury step: adds each matching boost to the score, then orders by (buried last, score descending,
/// earlier position first). Without boosts or buries the order is left as it is.
/// </summary>
public static class ScoreAdjuster
{
    public static void Apply(List<PolicyEntry> entries, RankingPolicy policy)
    {
        if (policy.Boosts.Count == 0 && policy.Bury.Count == 0) return;
        int n = entries.Count;
        var keys = new (bool Buried, float Score, int Position)[n];
        for (int i = 0; i < n; i++)
        {
            var e = entries[i];
            float score = e.Score;
            foreach (var boost in policy.Boosts)
                if (boost.Condition.Matches(e.Item)) score += boost.Amount;
            bool buried = false;
            foreach (var bury in policy.Bury) buried |= bury.Matches(e.Item);
            entries[i] = e with { Score = score };
            keys[i] = (buried, score, i);
        }
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var x = keys[a];
            var y = keys[b];
            if (x.Buried != y.Buried) return x.Buried ? 1 : -1;
            int byScore = y.Score.CompareTo(x.Score); // NaN sorts last under CompareTo's descending use
            return byScore != 0 ? byScore : x.Position.CompareTo(y.Position);
        });
        var sorted = new PolicyEntry[n];
        for (int i = 0; i < n; i++) sorted[i] = entries[order[i]];
        entries.Clear();
        entries.AddRange(sorted);
    }
}
