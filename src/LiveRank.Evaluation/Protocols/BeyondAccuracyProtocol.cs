using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P5: on P1's full ranking (same split, same mask), each system's top-10 list per test user is measured for
/// catalog coverage, intra-list diversity (1 − mean pairwise cosine of the item vectors), genre α-NDCG and novelty,
/// beside P1's accuracy metrics. Then the diversity sweep: each system's top <see cref="MmrPool"/> is re-ranked by
/// MMR on the item vectors for every weight in <see cref="DiversityWeights"/>, and the re-ranked top-10 is scored
/// for accuracy and diversity alike. Lists break score ties by a seeded hash; values are averaged over seeds.
/// </summary>
public sealed class BeyondAccuracyProtocol
{
    public const int ListLength = 10;
    public const int MmrPool = 100;
    public const string Coverage = "Coverage@10";
    public const string Ild = "ILD@10";
    public const string AlphaNdcg = "AlphaNDCG@10";
    public const string Novelty = "Novelty@10";

    public static readonly double[] DiversityWeights = [0, 0.1, 0.3, 0.5, 0.7, 0.9];

    private readonly double[] _selfInformation;

    public BeyondAccuracyProtocol(FullRankingProtocol fullRanking, IItemVectors? vectors)
    {
        FullRanking = fullRanking;
        var split = fullRanking.Split;
        if (vectors is not null && vectors.Count != split.ItemCount)
            throw new ArgumentException($"{vectors.Count} item vectors for {split.ItemCount} items.", nameof(vectors));
        Vectors = vectors;
        Genres = ItemGenres.FromItems(split.Items);
        // Popularity as the systems see it at test time: train + validation interactions.
        var counts = new int[split.ItemCount];
        for (int u = 0; u < split.UserCount; u++)
            foreach (int item in split.TrainAndValidation(u)) counts[item]++;
        _selfInformation = BeyondAccuracyMetrics.SelfInformation(counts);
    }

    public FullRankingProtocol FullRanking { get; }
    public IItemVectors? Vectors { get; }
    public ItemGenres? Genres { get; }

    public BeyondAccuracyResult Evaluate(IRecommenderBaseline fitted, IReadOnlyList<int> seeds)
    {
        var split = FullRanking.Split;
        var perUser = FullRanking.Evaluate(fitted, HoldoutTarget.Test, seeds);
        var users = FullRanking.EvaluatedUsers();
        double weight = 1.0 / seeds.Count;
        int n = split.ItemCount;
        var scores = new float[n];
        var mask = new bool[n];
        var pool = new int[Math.Min(MmrPool, n)];
        var poolScores = new float[pool.Length];
        var similarity = new float[pool.Length * pool.Length];
        var chosen = new int[ListLength];
        var list = new int[ListLength];
        var scratch = new double[2 * pool.Length];
        int lambdas = Vectors is null ? 0 : DiversityWeights.Length;
        var sweep = new SweepSums[lambdas];
        for (int l = 0; l < lambdas; l++) sweep[l] = new SweepSums(n);
        var coverage = new bool[n];
        int coverageCount = 0;
        double coverageSum = 0;
        var firstSeedLists = new int[users.Length][];
        var ild = Vectors is null ? null : perUser.Column(Ild);
        var alpha = Genres is null ? null : perUser.Column(AlphaNdcg);
        var novelty = perUser.Column(Novelty);

        foreach (int seed in seeds)
        {
            Array.Clear(coverage);
            coverageCount = 0;
            for (int row = 0; row < users.Length; row++)
            {
                int user = users[row];
                var history = split.Input(user, HoldoutTarget.Test);
                fitted.ScoreUser(history, scores);
                SetMask(mask, history.Items, FullRanking.MaskWindow, true);
                int poolSize = TopList.Select(scores, mask, seed, user, pool);
                SetMask(mask, history.Items, FullRanking.MaskWindow, false);
                int length = Math.Min(ListLength, poolSize);
                var top = pool.AsSpan(0, length);
                if (seed == seeds[0]) firstSeedLists[row] = top.ToArray();
                foreach (int item in top)
                    if (!coverage[item]) { coverage[item] = true; coverageCount++; }
                int target = split.TestItem(user);
                var targetGenres = Genres is null ? default : Genres.Of(target);
                if (ild is not null) ild[row] += weight * BeyondAccuracyMetrics.IntraListDiversity(top, Vectors!);
                if (alpha is not null) alpha[row] += weight * BeyondAccuracyMetrics.AlphaNdcg(top, targetGenres, Genres!, ListLength);
                novelty[row] += weight * BeyondAccuracyMetrics.Novelty(top, _selfInformation);

                if (lambdas == 0) continue;
                for (int i = 0; i < poolSize; i++) poolScores[i] = scores[pool[i]];
                FillSimilarity(pool.AsSpan(0, poolSize), similarity);
                for (int l = 0; l < lambdas; l++)
                {
                    var picks = chosen.AsSpan(0, length);
                    MmrReranker.Rerank(poolScores.AsSpan(0, poolSize), similarity.AsSpan(0, poolSize * poolSize), DiversityWeights[l], picks, scratch);
                    var reranked = list.AsSpan(0, length);
                    for (int r = 0; r < length; r++) reranked[r] = pool[picks[r]];
                    int rank = reranked.IndexOf(target) + 1; // 0 when the target is not in the top 10
                    sweep[l].Add(reranked, rank,
                        BeyondAccuracyMetrics.IntraListDiversity(reranked, Vectors!),
                        alpha is null ? 0 : BeyondAccuracyMetrics.AlphaNdcg(reranked, targetGenres, Genres!, ListLength),
                        BeyondAccuracyMetrics.Novelty(reranked, _selfInformation));
                }
            }
            coverageSum += (double)coverageCount / n;
            foreach (var s in sweep) s.EndSeed();
        }

        var points = new List<DiversitySweepPoint>(lambdas);
        for (int l = 0; l < lambdas; l++)
        {
            double count = (double)users.Length * seeds.Count;
            var s = sweep[l];
            var means = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["NDCG@10"] = s.Ndcg / count,
                ["Recall@10"] = s.Hits / count,
                [Ild] = s.Ild / count,
                [Novelty] = s.Novelty / count,
                [Coverage] = s.CoverageSum / seeds.Count,
            };
            if (alpha is not null) means[AlphaNdcg] = s.Alpha / count;
            points.Add(new DiversitySweepPoint(DiversityWeights[l], means));
        }
        return new BeyondAccuracyResult(perUser, coverageSum / seeds.Count, firstSeedLists, points);
    }

    private void FillSimilarity(ReadOnlySpan<int> pool, Span<float> similarity)
    {
        int p = pool.Length;
        for (int a = 0; a < p; a++)
        {
            similarity[a * p + a] = 1f;
            var va = Vectors![pool[a]];
            for (int b = a + 1; b < p; b++)
            {
                float cosine = (float)BeyondAccuracyMetrics.Cosine(va, Vectors[pool[b]]);
                similarity[a * p + b] = cosine;
                similarity[b * p + a] = cosine;
            }
        }
    }

    private static void SetMask(bool[] mask, ReadOnlySpan<int> input, int window, bool value)
    {
        int start = window == 0 ? 0 : Math.Max(0, input.Length - window);
        for (int p = start; p < input.Length; p++) mask[input[p]] = value;
    }

    /// <summary>Running sums of one diversity weight's re-ranked lists.</summary>
    private sealed class SweepSums(int catalogSize)
    {
        private readonly bool[] _covered = new bool[catalogSize];
        private int _coveredCount;

        public double Ndcg, Hits, Ild, Alpha, Novelty, CoverageSum;

        public void EndSeed()
        {
            CoverageSum += (double)_coveredCount / _covered.Length;
            Array.Clear(_covered);
            _coveredCount = 0;
        }

        public void Add(ReadOnlySpan<int> list, int rank, double ild, double alpha, double novelty)
        {
            Ndcg += RankMetrics.Ndcg(rank, ListLength);
            Hits += RankMetrics.Recall(rank, ListLength);
            Ild += ild;
            Alpha += alpha;
            Novelty += novelty;
            foreach (int item in list)
                if (!_covered[item]) { _covered[item] = true; _coveredCount++; }
        }
    }
}
