using System.Globalization;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// Item-item cosine over training users: sim(i, j) = |U_i ∩ U_j| / (sqrt(|U_i|·|U_j|) + shrink), self-similarity
/// zero. <c>itemknn</c> scores by similarity to the user's last item; <c>itemknn-full</c> sums the similarities to
/// every history item.
/// </summary>
public sealed class ItemKnnBaseline : IRecommenderBaseline
{
    private DenseItemMatrix? _similarity;

    public ItemKnnBaseline(bool wholeHistory, double shrink)
    {
        WholeHistory = wholeHistory;
        Shrink = shrink;
    }

    public bool WholeHistory { get; }
    public double Shrink { get; }

    public string Name => WholeHistory ? "itemknn-full" : "itemknn";

    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters =>
        [new("shrink", Shrink.ToString(CultureInfo.InvariantCulture))];

    public void Fit(TrainingSet training)
    {
        int n = training.ItemCount;
        var matrix = new DenseItemMatrix(n);
        var values = matrix.Values;
        var degree = new int[n];
        var distinct = new HashSet<int>();
        foreach (var sequence in training.Sequences)
        {
            // Binary user vectors: an item the user met twice counts once.
            distinct.Clear();
            foreach (int item in sequence) distinct.Add(item);
            int[] items = [.. distinct];
            foreach (int i in items)
            {
                degree[i]++;
                int row = i * n;
                foreach (int j in items) values[row + j]++;
            }
        }
        for (int i = 0; i < n; i++)
        {
            var row = matrix.Row(i);
            row[i] = 0;
            if (degree[i] == 0) continue;
            for (int j = 0; j < n; j++)
            {
                if (row[j] == 0) continue;
                row[j] = (float)(row[j] / (Math.Sqrt((double)degree[i] * degree[j]) + Shrink));
            }
        }
        _similarity = matrix;
    }

    public void Score(ReadOnlySpan<int> history, Span<float> scores)
    {
        var similarity = _similarity ?? throw new InvalidOperationException("Fit before scoring.");
        scores.Clear();
        if (history.IsEmpty) return;
        if (!WholeHistory)
        {
            similarity.AddRow(history[^1], 1f, scores);
            return;
        }
        foreach (int item in history) similarity.AddRow(item, 1f, scores);
    }
}
