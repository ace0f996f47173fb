using System.Numerics.Tensors;
using LiveRank.Testing;
using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

/// <summary>
/// Synthetic behaviour whose next item is decided by the LM vectors: items form clusters (vectors near a cluster
/// centre), each user stays in one cluster and picks its items by a within-cluster popularity, and the validation
/// target is the user's next item of the same cluster. The last <see cref="ColdPerCluster"/> items of each cluster
/// never occur: cold items, known only by their vectors.
/// </summary>
internal sealed class PlantedClusters
{
    public const int Clusters = 4;
    public const int ItemsPerCluster = 30;
    public const int ColdPerCluster = 5;
    public const int Dimension = 16;

    private PlantedClusters(AdapterTrainingData data, int[] userCluster)
    {
        Data = data;
        UserCluster = userCluster;
    }

    public AdapterTrainingData Data { get; }

    public int[] UserCluster { get; }

    public static int ClusterOf(int item) => item / ItemsPerCluster;

    public static bool IsCold(int item) => item % ItemsPerCluster >= ItemsPerCluster - ColdPerCluster;

    public static PlantedClusters Create(int seed, int users = 240, int length = 15)
    {
        var random = new SplitMix64((ulong)seed);
        int n = Clusters * ItemsPerCluster;
        var centres = new float[Clusters * Dimension];
        for (int i = 0; i < centres.Length; i++) centres[i] = (float)Gaussian(ref random);
        var vectors = new float[n * Dimension];
        for (int item = 0; item < n; item++)
        {
            var row = vectors.AsSpan(item * Dimension, Dimension);
            var centre = centres.AsSpan(ClusterOf(item) * Dimension, Dimension);
            for (int i = 0; i < Dimension; i++) row[i] = centre[i] + 0.6f * (float)Gaussian(ref random);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm<float>(row), row);
        }

        // Within a cluster, warm item k is chosen with weight 1/(k + 2): a popularity signal that is the same in every cluster.
        int warm = ItemsPerCluster - ColdPerCluster;
        var sequences = new int[users][];
        var targets = new int[users];
        var userCluster = new int[users];
        for (int u = 0; u < users; u++)
        {
            int cluster = random.Next(Clusters);
            userCluster[u] = cluster;
            var picked = new List<int>();
            while (picked.Count < length + 1)
            {
                int item = cluster * ItemsPerCluster + Draw(ref random, warm);
                if (!picked.Contains(item)) picked.Add(item);
            }
            sequences[u] = [.. picked.Take(length)];
            targets[u] = picked[length];
        }
        var data = new AdapterTrainingData
        {
            ItemCount = n,
            Dimension = Dimension,
            ItemVectors = vectors,
            Sequences = sequences,
            ValidationTargets = targets,
        };
        return new PlantedClusters(data, userCluster);
    }

    /// <summary>NDCG@10 of ranking every item by its training count, masked as the trainer's validation masks.</summary>
    public double PopularityNdcg10()
    {
        var counts = new double[Data.ItemCount];
        foreach (var sequence in Data.Sequences)
            foreach (int item in sequence) counts[item]++;
        double sum = 0;
        int users = 0;
        for (int u = 0; u < Data.Sequences.Count; u++)
        {
            int target = Data.ValidationTargets[u];
            if (target < 0) continue;
            var seen = Data.Sequences[u].ToHashSet();
            int greater = 0, ties = 0;
            for (int i = 0; i < Data.ItemCount; i++)
            {
                if (i == target || seen.Contains(i)) continue;
                if (counts[i] > counts[target]) greater++;
                else if (counts[i] == counts[target]) ties++;
            }
            sum += AdapterValidator.ExpectedGain(greater, ties);
            users++;
        }
        return sum / users;
    }

    private static int Draw(ref SplitMix64 random, int count)
    {
        double total = 0;
        for (int k = 0; k < count; k++) total += 1.0 / (k + 2);
        double x = random.NextDouble() * total;
        for (int k = 0; k < count; k++)
        {
            x -= 1.0 / (k + 2);
            if (x < 0) return k;
        }
        return count - 1;
    }

    private static double Gaussian(ref SplitMix64 random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
