using LiveRank.Scoring.Trees;

namespace LiveRank.Testing.Trees;

/// <summary>
/// Random tree ensembles shaped like LightGBM's: each tree grows leaf-wise, splitting a random leaf on a random feature
/// at a random threshold in [0, 1), until it has the requested leaves. Feature values drawn from [0, 1) then take
/// every branch. Leaves carry weights, so contributions have non-trivial baselines.
/// </summary>
public static class TreeEnsembleMother
{
    /// <param name="largeEvery">When positive, every such tree gets <paramref name="largeLeaves"/> leaves instead.</param>
    public static TreeEnsemble Random(int trees, int leaves, int features, int seed = 7, int largeEvery = 0, int largeLeaves = 0)
    {
        var random = new Random(seed);
        var builder = new TreeEnsembleBuilder(features) { Bias = 0.25 };
        var parentOfLeaf = new List<(int Node, bool Left)>();
        for (int t = 0; t < trees; t++)
        {
            int treeLeaves = largeEvery > 0 && t % largeEvery == largeEvery - 1 ? largeLeaves : leaves;
            int nodes = treeLeaves - 1;
            var splitFeatures = new int[nodes];
            var thresholds = new float[nodes];
            var left = new int[nodes];
            var right = new int[nodes];
            var values = new double[treeLeaves];
            var weights = new double[treeLeaves];
            // Leaf j hangs from parentOfLeaf[j]; splitting it turns it into split i with leaves j (left) and i + 1 (right).
            parentOfLeaf.Clear();
            parentOfLeaf.Add((-1, true));
            for (int i = 0; i < nodes; i++)
            {
                int leaf = random.Next(parentOfLeaf.Count);
                var (parent, isLeft) = parentOfLeaf[leaf];
                if (parent >= 0)
                {
                    if (isLeft) left[parent] = i;
                    else right[parent] = i;
                }
                splitFeatures[i] = random.Next(features);
                thresholds[i] = random.NextSingle();
                left[i] = ~leaf;
                right[i] = ~parentOfLeaf.Count;
                parentOfLeaf[leaf] = (i, true);
                parentOfLeaf.Add((i, false));
            }
            for (int j = 0; j < treeLeaves; j++)
            {
                values[j] = (random.NextDouble() - 0.5) * 0.2;
                weights[j] = random.Next(1, 100);
            }
            builder.AddTree(splitFeatures, thresholds, left, right, values, weights);
        }
        return builder.Build();
    }

    /// <summary>A matrix of <paramref name="rows"/> × <paramref name="features"/> values in [0, 1).</summary>
    public static float[] Matrix(int rows, int features, int seed = 11)
    {
        var random = new Random(seed);
        var matrix = new float[rows * features];
        for (int i = 0; i < matrix.Length; i++) matrix[i] = random.NextSingle();
        return matrix;
    }

    /// <summary><paramref name="rowMajor"/> rearranged so column f spans [f·rows, (f+1)·rows).</summary>
    public static float[] ToFeatureMajor(float[] rowMajor, int rows, int features)
    {
        var featureMajor = new float[rowMajor.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < features; f++) featureMajor[f * rows + r] = rowMajor[r * features + f];
        }
        return featureMajor;
    }
}
