using LiveRank.Training.Models;

namespace LiveRank.Training.Tests.Models;

/// <summary>
/// A planted world: items in clusters, each with a unit vector near its cluster's direction and the cluster's
/// category; every user walks one cluster in item order (cyclically), one step a minute. So the next item follows from
/// the last one (sequence signal) and from the cluster (text signal), and popularity alone says little.
/// </summary>
internal static class SyntheticLog
{
    public const int Dimension = 16;

    public static TrainingLog Create(int clusters = 3, int itemsPerCluster = 30, int users = 120, int seed = 7, bool vectors = true)
    {
        var random = new Random(seed);
        int n = clusters * itemsPerCluster;
        string[] ids = [.. Enumerable.Range(0, n).Select(i => $"item-{i}")];
        IReadOnlyList<string>[] categories = [.. Enumerable.Range(0, n).Select(i => (IReadOnlyList<string>)[$"cluster-{i / itemsPerCluster}"])];
        float[] prices = [.. Enumerable.Range(0, n).Select(_ => float.NaN)];
        var sequences = new int[users][];
        var times = new long[users][];
        var weights = new float[users][];
        for (int u = 0; u < users; u++)
        {
            int cluster = u % clusters;
            int length = 12 + random.Next(10);
            int start = random.Next(itemsPerCluster);
            long t0 = 1_600_000_000 + u * 7_200L;
            sequences[u] = [.. Enumerable.Range(0, length).Select(k => cluster * itemsPerCluster + (start + k) % itemsPerCluster)];
            times[u] = [.. Enumerable.Range(0, length).Select(k => t0 + 60L * k)];
            weights[u] = [.. Enumerable.Range(0, length).Select(_ => 1f)];
        }
        var log = new TrainingLog("synthetic", ids, categories, prices, sequences, times, weights);
        return vectors ? log.WithVectors(Vectors(clusters, itemsPerCluster, seed), Dimension, "synthetic-encoder") : log;
    }

    public static float[] Vectors(int clusters, int itemsPerCluster, int seed)
    {
        var random = new Random(seed + 1);
        int n = clusters * itemsPerCluster;
        var v = new float[n * Dimension];
        for (int i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * Dimension, Dimension);
            for (int k = 0; k < Dimension; k++) row[k] = 0.15f * (float)(random.NextDouble() - 0.5);
            row[i / itemsPerCluster] += 1f;
            float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<float>(row));
            System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return v;
    }

    /// <summary>Small, fast options: the planted structure needs few trees and epochs.</summary>
    public static ModelTrainingOptions FastOptions(bool lm = true) => new()
    {
        Splits = 3,
        RetrievedNegatives = 20,
        RandomNegatives = 5,
        UseLanguageModel = lm,
        Settings = new Scoring.Models.ModelSettings { RetrievePerRetriever = 20, RetrievePopular = 10 },
        Adapter = new LiveRank.Training.Adapter.AdapterTrainingOptions { Rank = 8, Window = 5, Epochs = 4, BatchSize = 64, Negatives = 16, Patience = 2 },
        Combiner = new LiveRank.Training.Trees.LambdaMartOptions { Trees = 40, Leaves = 7, MinimumExampleCountPerLeaf = 5, LearningRate = 0.1 },
        LmNeighboursPerItem = 10,
    };
}
