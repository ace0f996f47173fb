using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary><c>pop</c>: every user gets the training interaction counts. No hyperparameters.</summary>
public sealed class PopularityBaseline : IRecommenderBaseline
{
    private float[] _counts = [];

    public string Name => "pop";
    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters => [];

    public void Fit(TrainingSet training)
    {
        _counts = new float[training.ItemCount];
        foreach (var sequence in training.Sequences)
            foreach (int item in sequence) _counts[item]++;
    }

    public void Score(ReadOnlySpan<int> history, Span<float> scores) => _counts.AsSpan().CopyTo(scores);
}
