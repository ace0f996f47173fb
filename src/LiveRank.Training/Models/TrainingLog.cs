namespace LiveRank.Training.Models;

/// <summary>
/// What a model is trained on: the items (dense index = model index) with their categories, prices and LM vectors,
/// and each user's interactions in time order with their interest weights. Built from a dataset offline or from the
/// store's event log by <c>liverank train</c>.
/// </summary>
public sealed class TrainingLog
{
    public TrainingLog(string dataset, string[] itemIds, IReadOnlyList<string>[] categories, float[] prices,
        int[][] sequences, long[][] times, float[][] weights)
    {
        if (categories.Length != itemIds.Length || prices.Length != itemIds.Length)
            throw new ArgumentException("Categories and prices need one entry per item.");
        if (times.Length != sequences.Length || weights.Length != sequences.Length)
            throw new ArgumentException("Times and weights need one row per user.");
        for (int u = 0; u < sequences.Length; u++)
        {
            if (times[u].Length != sequences[u].Length || weights[u].Length != sequences[u].Length)
                throw new ArgumentException($"User {u}: times and weights need one entry per interaction.");
            foreach (int item in sequences[u])
                if ((uint)item >= (uint)itemIds.Length) throw new ArgumentException($"User {u} names item {item}, outside the catalog.");
        }
        Dataset = dataset;
        ItemIds = itemIds;
        Categories = categories;
        Prices = prices;
        Sequences = sequences;
        Times = times;
        Weights = weights;
    }

    public string Dataset { get; }
    public string[] ItemIds { get; }
    public IReadOnlyList<string>[] Categories { get; }
    public float[] Prices { get; }
    public int[][] Sequences { get; }
    public long[][] Times { get; }
    public float[][] Weights { get; }

    /// <summary>ItemCount × <see cref="Dimension"/> unit vectors (zero row = no text); null trains without the language model.</summary>
    public float[]? Vectors { get; init; }

    public int Dimension { get; init; }

    /// <summary>Id of the encoder that made <see cref="Vectors"/>.</summary>
    public string EncoderModel { get; init; } = "";

    public int ItemCount => ItemIds.Length;
    public int UserCount => Sequences.Length;
    public long InteractionCount => Sequences.Sum(s => (long)s.Length);

    /// <summary>The same log with LM vectors attached (ItemCount × <paramref name="dimension"/>).</summary>
    public TrainingLog WithVectors(float[] vectors, int dimension, string encoderModel)
    {
        if (vectors.Length != ItemCount * dimension) throw new ArgumentException($"{vectors.Length} floats for {ItemCount} items of dimension {dimension}.");
        return new TrainingLog(Dataset, ItemIds, Categories, Prices, Sequences, Times, Weights)
        {
            Vectors = vectors,
            Dimension = dimension,
            EncoderModel = encoderModel,
        };
    }

    /// <summary>The same log with each user's newest <paramref name="drop"/> interactions removed.</summary>
    public TrainingLog Truncate(int drop)
    {
        if (drop == 0) return this;
        int[][] sequences = new int[UserCount][];
        long[][] times = new long[UserCount][];
        float[][] weights = new float[UserCount][];
        for (int u = 0; u < UserCount; u++)
        {
            int keep = Math.Max(0, Sequences[u].Length - drop);
            sequences[u] = Sequences[u][..keep];
            times[u] = Times[u][..keep];
            weights[u] = Weights[u][..keep];
        }
        return new TrainingLog(Dataset, ItemIds, Categories, Prices, sequences, times, weights)
        {
            Vectors = Vectors,
            Dimension = Dimension,
            EncoderModel = EncoderModel,
        };
    }
}
