using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P4, cold items: per seed, a random 10% of the items are held out of training entirely (no system sees an
/// interaction with them); the users whose test item is cold are ranked on the true item plus 99 warm items they
/// never interacted with, shuffled, so only what a system knows without interactions — text, categories — can lift
/// the cold item. Every (seed, user) pair is one row: seeds draw different cold sets and so different users, and the
/// rows of all systems line up for paired tests. Metrics carry P2's names.
/// </summary>
public sealed class ColdItemProtocol(LeaveOneOutSplit split, double coldShare = ColdItemProtocol.DefaultColdShare)
{
    public const double DefaultColdShare = 0.10;
    public const int Negatives = 99;

    public LeaveOneOutSplit Split { get; } = split;

    /// <summary>One seed's cold set and candidate lists (users in ascending order).</summary>
    public sealed record Draw(int Seed, bool[] Cold, CandidateList[] Lists)
    {
        public bool IsCold(int item) => Cold[item];
    }

    public Draw DrawFor(int seed)
    {
        int n = Split.ItemCount;
        var random = SeededRandom.For(seed, 0, 7);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var cold = new bool[n];
        int coldCount = (int)Math.Round(n * coldShare);
        for (int i = 0; i < coldCount; i++) cold[order[i]] = true;

        var lists = new List<CandidateList>();
        var seen = new bool[n];
        var pool = new List<int>(n);
        for (int user = 0; user < Split.UserCount; user++)
        {
            if (!Split.HasHoldout(user) || !cold[Split.TestItem(user)]) continue;
            var sequence = Split.Sequences[user];
            foreach (int item in sequence) seen[item] = true;
            pool.Clear();
            for (int item = 0; item < n; item++) if (!seen[item] && !cold[item]) pool.Add(item);
            foreach (int item in sequence) seen[item] = false;
            var draw = SeededRandom.For(seed, user, 8);
            for (int i = 0; i < Negatives; i++)
            {
                int j = i + draw.Next(pool.Count - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
            var items = new int[Negatives + 1];
            items[0] = Split.TestItem(user);
            for (int i = 0; i < Negatives; i++) items[i + 1] = pool[i];
            draw.Shuffle(items);
            lists.Add(new CandidateList(user, items, Array.IndexOf(items, Split.TestItem(user))));
        }
        return new Draw(seed, cold, [.. lists]);
    }

    /// <summary>The user's input (train + validation) without cold items, as every system sees it.</summary>
    public int[] WarmHistory(int user, Draw draw) => [.. Split.TrainAndValidation(user).ToArray().Where(i => !draw.Cold[i])];

    /// <summary>
    /// Scores every seed's lists with the scorer built for that seed's draw. Rows: the draws' users in seed order.
    /// <paramref name="perSeed"/> receives each seed's mean NDCG@10 (the spread the report shows).
    /// </summary>
    public UserMetrics Evaluate(IReadOnlyList<Draw> draws, Func<Draw, ICandidateScorer> scorerFor, List<double>? perSeed = null)
    {
        var metrics = new UserMetrics(draws.Sum(d => d.Lists.Length));
        int row = 0;
        var scores = new float[Negatives + 1];
        foreach (var draw in draws)
        {
            var scorer = scorerFor(draw);
            int first = row;
            foreach (var list in draw.Lists)
            {
                scorer.Score(list.User, WarmHistory(list.User, draw), list.Items, scores);
                int rank = TargetRank.AmongCandidates(scores, list.TargetIndex, SeededRandom.For(draw.Seed, list.User, 9));
                metrics.AddRank(row++, rank, 1.0);
            }
            if (perSeed is not null && row > first)
                perSeed.Add(metrics["NDCG@10"].AsSpan(first, row - first).ToArray().Average());
        }
        return metrics;
    }
}
