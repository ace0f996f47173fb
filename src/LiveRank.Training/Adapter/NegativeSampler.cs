namespace LiveRank.Training.Adapter;

/// <summary>Draws sampled negatives from a fixed item distribution (inverse CDF by binary search) and knows each item's probability.</summary>
internal sealed class NegativeSampler
{
    private readonly double[] _cumulative;

    public NegativeSampler(ReadOnlySpan<int> trainingCounts, AdapterNegativeSampling sampling)
    {
        Probabilities = new double[trainingCounts.Length];
        for (int i = 0; i < trainingCounts.Length; i++)
            Probabilities[i] = sampling == AdapterNegativeSampling.Uniform ? 1.0 : Math.Pow(trainingCounts[i], 0.75);
        double total = 0;
        foreach (double p in Probabilities) total += p;
        if (total <= 0) throw new ArgumentException("No item can be drawn as a negative: no item occurs in training.");
        _cumulative = new double[Probabilities.Length];
        double running = 0;
        for (int i = 0; i < Probabilities.Length; i++)
        {
            Probabilities[i] /= total;
            running += Probabilities[i];
            _cumulative[i] = running;
        }
    }

    /// <summary>Probability of drawing each item.</summary>
    public double[] Probabilities { get; }

    public int Next(ref TrainingRandom random)
    {
        // The first item whose cumulative probability exceeds x: item i owns [cum[i−1], cum[i]), so an item of
        // probability zero (an empty interval) is never chosen.
        double x = random.NextDouble() * _cumulative[^1];
        int low = 0, high = _cumulative.Length - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_cumulative[middle] > x) high = middle;
            else low = middle + 1;
        }
        return low;
    }
}
