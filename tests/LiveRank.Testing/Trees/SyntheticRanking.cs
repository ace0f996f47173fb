namespace LiveRank.Testing.Trees;

/// <summary>
/// A learning-to-rank data set with a planted answer: features uniform in [0, 1), relevance 0–3 graded from
/// <c>sin(2π·x[1]) + 8·(x[4] − ½)·(x[7] − ½)</c> plus Gaussian noise (σ = 0.2), so only features 1, 4 and 7 matter and
/// not linearly. Groups hold 15 to 25 rows and have ids that are not 0, 1, 2, ….
/// </summary>
public sealed record SyntheticRanking(float[] Features, int FeatureCount, float[] Labels, uint[] Groups)
{
    public static readonly int[] PlantedFeatures = [1, 4, 7];

    public static SyntheticRanking Create(int groups, int featureCount = 10, int seed = 1)
    {
        if (featureCount < 8) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "The planted features need at least 8.");
        var random = new Random(seed);
        var features = new List<float>();
        var labels = new List<float>();
        var groupIds = new List<uint>();
        for (int g = 0; g < groups; g++)
        {
            int size = random.Next(15, 26);
            for (int i = 0; i < size; i++)
            {
                int start = features.Count;
                for (int f = 0; f < featureCount; f++) features.Add(random.NextSingle());
                double x1 = features[start + 1], x4 = features[start + 4], x7 = features[start + 7];
                double z = Math.Sin(2 * Math.PI * x1) + 8 * (x4 - 0.5) * (x7 - 0.5) + 0.2 * Gaussian(random);
                labels.Add(z > 1.0 ? 3 : z > 0.5 ? 2 : z > 0 ? 1 : 0);
                groupIds.Add(7919u * (uint)g + 13);
            }
        }
        return new SyntheticRanking([.. features], featureCount, [.. labels], [.. groupIds]);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
