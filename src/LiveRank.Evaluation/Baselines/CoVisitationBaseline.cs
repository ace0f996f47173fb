using System.Globalization;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// <c>covis</c>: sequence-windowed co-visitation. In each user's time-ordered training sequence, every item a
/// counts each of the next <see cref="Window"/> items b (C[a][b] += 1); with <see cref="Normalize"/> a row is
/// divided by its total so that frequent items do not dominate. A user is scored from the last
/// <see cref="LastItems"/> history items, the most recent weighted 1, the one before <see cref="Decay"/>, then
/// Decay², and so on.
/// </summary>
public sealed class CoVisitationBaseline : IRecommenderBaseline
{
    private DenseItemMatrix? _counts;

    public CoVisitationBaseline(int window, int lastItems, double decay, bool normalize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastItems, 1);
        Window = window;
        LastItems = lastItems;
        Decay = decay;
        Normalize = normalize;
    }

    public int Window { get; }
    public int LastItems { get; }
    public double Decay { get; }
    public bool Normalize { get; }

    public string Name => "covis";

    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters =>
    [
        new("window", Window.ToString(CultureInfo.InvariantCulture)),
        new("lastItems", LastItems.ToString(CultureInfo.InvariantCulture)),
        new("decay", Decay.ToString(CultureInfo.InvariantCulture)),
        new("normalize", Normalize ? "row" : "none"),
    ];

    // Only the window and the normalisation change the counts; the recency settings apply at scoring time,
    // so the tuning grid fits 12 matrices instead of 192.
    public string FitKey => $"window={Window};normalize={Normalize}";

    public bool TryShareFit(IRecommenderBaseline fitted)
    {
        if (fitted is not CoVisitationBaseline other || other._counts is null || other.FitKey != FitKey) return false;
        _counts = other._counts;
        return true;
    }

    public void Fit(TrainingSet training)
    {
        int n = training.ItemCount;
        var matrix = new DenseItemMatrix(n);
        var values = matrix.Values;
        foreach (var sequence in training.Sequences)
        {
            for (int t = 0; t < sequence.Length; t++)
            {
                int row = sequence[t] * n;
                int end = Math.Min(sequence.Length, t + 1 + Window);
                for (int s = t + 1; s < end; s++)
                    if (sequence[s] != sequence[t]) values[row + sequence[s]]++;
            }
        }
        if (Normalize)
        {
            for (int i = 0; i < n; i++)
            {
                var row = matrix.Row(i);
                float sum = System.Numerics.Tensors.TensorPrimitives.Sum<float>(row);
                if (sum > 0) System.Numerics.Tensors.TensorPrimitives.Divide(row, sum, row);
            }
        }
        _counts = matrix;
    }

    public void Score(ReadOnlySpan<int> history, Span<float> scores)
    {
        var counts = _counts ?? throw new InvalidOperationException("Fit before scoring.");
        scores.Clear();
        float weight = 1f;
        int stop = Math.Max(0, history.Length - LastItems);
        for (int p = history.Length - 1; p >= stop; p--)
        {
            counts.AddRow(history[p], weight, scores);
            weight *= (float)Decay;
        }
    }
}
