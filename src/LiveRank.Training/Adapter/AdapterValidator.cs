using LiveRank.Scoring.Adapter;

namespace LiveRank.Training.Adapter;

/// <summary>
/// Validation NDCG@10 in full ranking through the adapter's public inference API (so training validates exactly
/// what serving computes): each user with a target is encoded from the last k items of the whole training sequence,
/// every item is scored, the user's training items are masked (the target never is), and the target earns
/// 1/log2(rank + 1) when its rank is at most 10. Ties with the target count as broken uniformly at random: the
/// expected gain over the tied ranks, so a constant scorer is not rewarded.
/// </summary>
internal sealed class AdapterValidator
{
    private const int Shards = 8;

    private readonly AdapterTrainingData _data;
    private readonly int[] _users;
    private readonly ParallelOptions _parallel;

    public AdapterValidator(AdapterTrainingData data, int maxThreads)
    {
        _data = data;
        var users = new List<int>();
        for (int u = 0; u < data.ValidationTargets.Count; u++)
            if (data.ValidationTargets[u] >= 0) users.Add(u);
        _users = [.. users];
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
    }

    public int UserCount => _users.Length;

    /// <summary>Mean NDCG@10 over users with a target; NaN when there are none.</summary>
    public double Ndcg10(LmAdapter adapter)
    {
        if (_users.Length == 0) return double.NaN;
        int n = _data.ItemCount, d = _data.Dimension, r = adapter.Rank, window = adapter.Window;
        float[] codes = adapter.EncodeAllItems(_data.ItemVectors);
        var gains = new double[_users.Length];
        Parallel.For(0, Shards, _parallel, shard =>
        {
            var history = new float[window * d];
            var weights = new float[window];
            var user = new float[r];
            var seen = new bool[n];
            int start = (int)((long)_users.Length * shard / Shards), end = (int)((long)_users.Length * (shard + 1) / Shards);
            for (int k = start; k < end; k++)
            {
                int u = _users[k];
                int target = _data.ValidationTargets[u];
                int[] sequence = _data.Sequences[u];
                int first = Math.Max(0, sequence.Length - window);
                int m = sequence.Length - first;
                for (int j = 0; j < m; j++)
                {
                    _data.ItemVectors.AsSpan(sequence[first + j] * d, d).CopyTo(history.AsSpan(j * d, d));
                    weights[j] = _data.Weights is null ? 1f : _data.Weights[u][first + j];
                }
                adapter.EncodeUser(history.AsSpan(0, m * d), weights.AsSpan(0, m), user);
                foreach (int item in sequence) seen[item] = true;
                float targetScore = adapter.Score(user, codes.AsSpan(target * r, r));
                int greater = 0, ties = 0;
                for (int i = 0; i < n; i++)
                {
                    if (i == target || seen[i]) continue;
                    float s = adapter.Score(user, codes.AsSpan(i * r, r));
                    if (s > targetScore) greater++;
                    else if (s == targetScore) ties++;
                }
                foreach (int item in sequence) seen[item] = false;
                gains[k] = ExpectedGain(greater, ties);
            }
        });
        double sum = 0;
        foreach (double g in gains) sum += g;
        return sum / gains.Length;
    }

    /// <summary>Mean of 1/log2(rank + 1) (0 beyond rank 10) over ranks 1 + greater … 1 + greater + ties.</summary>
    internal static double ExpectedGain(int greater, int ties)
    {
        double sum = 0;
        for (int rank = 1 + greater; rank <= Math.Min(10, 1 + greater + ties); rank++) sum += 1.0 / Math.Log2(rank + 1);
        return sum / (ties + 1.0);
    }
}
