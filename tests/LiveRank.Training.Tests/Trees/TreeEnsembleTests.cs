using LiveRank.Scoring.Models;
using LiveRank.Scoring.Trees;
using LiveRank.Testing.Trees;

namespace LiveRank.Training.Tests.Trees;

public class TreeEnsembleTests
{
    // One tree over 3 features: split 0 on f0 ≤ 0.5, its right child split 1 on f2 ≤ -1; leaves 10, 20, 30.
    //        [f0 ≤ 0.5]
    //        /        \
    //    leaf0=10   [f2 ≤ -1]
    //               /      \
    //          leaf1=20  leaf2=30
    private static TreeEnsembleBuilder Stump() => new TreeEnsembleBuilder(3) { Bias = 1 }
        .AddTree([0, 2], [0.5f, -1f], [~0, ~1], [1, ~2], [10, 20, 30], [2, 1, 3]);

    [Fact]
    public void Score_ValueEqualToThreshold_GoesLeft()
    {
        var model = Stump().Build();

        Assert.Equal(11f, model.Score([0.5f, 0, 0]));
        Assert.Equal(21f, model.Score([0.51f, 0, -1f]));
        Assert.Equal(31f, model.Score([0.51f, 0, -0.99f]));
    }

    [Fact]
    public void Score_NaNFeature_GoesRight()
    {
        var model = Stump().Build();

        // NaN <= threshold is false at every split, as in ML.NET: f0 = NaN → right, then f2 = NaN → right.
        Assert.Equal(31f, model.Score([float.NaN, 0, 0]));
        Assert.Equal(21f, model.Score([float.NaN, 0, -5]));
        var scores = new float[2];
        model.Score([float.NaN, 0, -5, 0.9f, 0, float.NaN], 2, MatrixLayout.RowMajor, scores);
        Assert.Equal([21f, 31f], scores);
    }

    // Kernel names, not the internal enum: a public test method cannot take an internal type.
    public static TheoryData<string, int> KernelsAndRows()
    {
        var data = new TheoryData<string, int>();
        foreach (string kernel in Enum.GetNames<TreeKernel>())
        {
            foreach (int rows in new[] { 1, 7, 8, 9, 16, 17, 100, 128, 300 }) data.Add(kernel, rows);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(KernelsAndRows))]
    public void Score_EveryKernelBothLayoutsAndSingleRow_EqualReferenceWalk(string kernelName, int rows)
    {
        var kernel = Enum.Parse<TreeKernel>(kernelName);
        const int features = 40;
        // 301 trees: two chunks of the bitvector kernel; every tenth tree has 40 leaves, too many for a 32-bit set.
        var model = TreeEnsembleMother.Random(trees: 301, leaves: 31, features, largeEvery: 10, largeLeaves: 40);
        var rowMajor = TreeEnsembleMother.Matrix(rows, features);
        var featureMajor = TreeEnsembleMother.ToFeatureMajor(rowMajor, rows, features);
        var byRow = new float[rows];
        var byFeature = new float[rows + 3];

        model.Score(rowMajor, rows, MatrixLayout.RowMajor, byRow, kernel);
        model.Score(featureMajor, rows, MatrixLayout.FeatureMajor, byFeature, kernel);

        for (int r = 0; r < rows; r++)
        {
            var row = rowMajor.AsSpan(r * features, features);
            float expected = ReferenceScore(model, row);
            Assert.Equal(expected, model.Score(row));
            Assert.Equal(expected, byRow[r]);
            Assert.Equal(expected, byFeature[r]);
        }
        Assert.Equal(0f, byFeature[rows]);
    }

    [Theory]
    [InlineData(nameof(TreeKernel.Walk))]
    [InlineData(nameof(TreeKernel.Bitvectors8))]
    [InlineData(nameof(TreeKernel.Bitvectors16))]
    public void Score_EveryKernelSplitThresholdsAndNaN_EqualReferenceWalk(string kernelName)
    {
        var kernel = Enum.Parse<TreeKernel>(kernelName);
        const int rows = 40, features = 6;
        var model = TreeEnsembleMother.Random(trees: 30, leaves: 31, features);
        var matrix = TreeEnsembleMother.Matrix(rows, features);
        // Values equal to split thresholds (where <= and < part ways), NaN, and ±infinity.
        for (int r = 0; r < rows; r++)
        {
            int split = (r * 37) % model.NodeCount;
            matrix[r * features + model.SplitFeatures[split]] = model.Thresholds[split];
        }
        for (int i = 3; i < matrix.Length; i += 11) matrix[i] = float.NaN;
        matrix[5] = float.PositiveInfinity;
        matrix[17] = float.NegativeInfinity;
        var scores = new float[rows];

        model.Score(TreeEnsembleMother.ToFeatureMajor(matrix, rows, features), rows, MatrixLayout.FeatureMajor, scores, kernel);

        for (int r = 0; r < rows; r++) Assert.Equal(ReferenceScore(model, matrix.AsSpan(r * features, features)), scores[r]);
    }

    [Fact]
    public void Score_MatrixWithNaN_EqualsMatrixWithInfinity()
    {
        const int rows = 50, features = 12;
        var model = TreeEnsembleMother.Random(trees: 40, leaves: 15, features);
        var withNaN = TreeEnsembleMother.Matrix(rows, features);
        var withInfinity = (float[])withNaN.Clone();
        for (int i = 0; i < withNaN.Length; i += 7)
        {
            withNaN[i] = float.NaN;
            withInfinity[i] = float.PositiveInfinity;
        }
        var a = new float[rows];
        var b = new float[rows];

        model.Score(withNaN, rows, MatrixLayout.FeatureMajor, a);
        model.Score(withInfinity, rows, MatrixLayout.FeatureMajor, b);

        Assert.Equal(b, a);
    }

    [Fact]
    public void Score_WrongShapes_Throw()
    {
        var model = Stump().Build();
        var scores = new float[4];

        Assert.Throws<ArgumentException>(() => model.Score([1f, 2f]));
        Assert.Throws<ArgumentException>(() => model.Score(new float[11], 4, MatrixLayout.FeatureMajor, scores));
        Assert.Throws<ArgumentException>(() => model.Score(new float[12], 4, MatrixLayout.FeatureMajor, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Score(new float[12], 4, (MatrixLayout)7, scores));
    }

    [Fact]
    public void Contributions_HandBuiltTree_CreditPathChangesInWeightedExpectation()
    {
        var model = Stump().Build();
        // Weights 2, 1, 3: E(split1) = (20·1 + 30·3) / 4 = 27.5; E(root) = (10·2 + 27.5·4) / 6 = 130 / 6.
        double root = 130.0 / 6;
        var parts = new float[3];

        model.Contributions([0.9f, 5f, -2f], parts);

        Assert.Equal(1 + root, model.ExpectedValue, 12);
        Assert.Equal((float)(27.5 - root), parts[0]);
        Assert.Equal(0f, parts[1]);
        Assert.Equal((float)(20 - 27.5), parts[2]);
    }

    [Fact]
    public void Contributions_RandomEnsemble_AddUpToScore()
    {
        const int features = 20;
        var model = TreeEnsembleMother.Random(trees: 100, leaves: 31, features);
        var matrix = TreeEnsembleMother.Matrix(10, features);
        var parts = new float[features];

        for (int r = 0; r < 10; r++)
        {
            var row = matrix.AsSpan(r * features, features);
            model.Contributions(row, parts);
            double total = model.ExpectedValue;
            foreach (float part in parts) total += part;
            Assert.Equal(model.Score(row), total, 4);
        }
    }

    [Fact]
    public void WriteRead_RoundTrip_SameScoresAndBytes()
    {
        const int features = 40, rows = 100;
        var model = TreeEnsembleMother.Random(trees: 50, leaves: 31, features);
        byte[] bytes = Bytes(model);

        var read = TreeEnsemble.Read(new BinaryReader(new MemoryStream(bytes)));

        Assert.Equal(bytes, Bytes(read));
        Assert.Equal(model.ExpectedValue, read.ExpectedValue);
        var matrix = TreeEnsembleMother.Matrix(rows, features);
        var expected = new float[rows];
        var actual = new float[rows];
        model.Score(matrix, rows, MatrixLayout.FeatureMajor, expected);
        read.Score(matrix, rows, MatrixLayout.FeatureMajor, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsModelFormatException()
    {
        byte[] bytes = Bytes(TreeEnsembleMother.Random(trees: 3, leaves: 4, features: 5));

        for (int length = 0; length < bytes.Length; length++)
        {
            var reader = new BinaryReader(new MemoryStream(bytes, 0, length));
            Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(reader));
        }
    }

    [Theory]
    [InlineData(3, "outside [0, 2)")]    // left child of the root: split 3 of a 2-split tree
    [InlineData(-4, "leaf child 3")]     // left child of the root: leaf 3 of a 3-leaf tree
    [InlineData(0, "reached twice")]     // the root as its own child
    public void Read_ChildOutOfRange_ThrowsModelFormatException(int child, string reason)
    {
        byte[] bytes = Bytes(Stump().Build());
        // Header: magic, version, features, trees (4 × 4 bytes), bias (8); tree: count (4), 2 features, 2 thresholds,
        // then the left children.
        Poke(bytes, 24 + 4 + 8 + 8, child);

        var e = Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(bytes))));
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    public void Read_FeatureOutOfRange_ThrowsModelFormatException(int feature)
    {
        byte[] bytes = Bytes(Stump().Build());
        Poke(bytes, 24 + 4 + 4, feature);

        var e = Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(bytes))));
        Assert.Contains("feature", e.Message);
    }

    [Fact]
    public void Read_NaNLeafValue_ThrowsModelFormatException()
    {
        byte[] bytes = Bytes(Stump().Build());
        BitConverter.TryWriteBytes(bytes.AsSpan(24 + 4 + 4 * 8 + 8), double.NaN);

        Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(bytes))));
    }

    [Fact]
    public void Read_OtherVersionOrMagic_ThrowsModelFormatException()
    {
        byte[] bytes = Bytes(Stump().Build());
        byte[] version = (byte[])bytes.Clone();
        Poke(version, 4, TreeEnsemble.FormatVersion + 1);
        byte[] magic = (byte[])bytes.Clone();
        magic[0] ^= 0xFF;

        Assert.Contains("version", Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(version)))).Message);
        Assert.Contains("magic", Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(magic)))).Message);
    }

    [Fact]
    public void Read_HugeSplitCount_ThrowsBeforeAllocating()
    {
        byte[] bytes = Bytes(Stump().Build());
        Poke(bytes, 24, int.MaxValue);

        Assert.Throws<ModelFormatException>(() => TreeEnsemble.Read(new BinaryReader(new MemoryStream(bytes))));
    }

    [Fact]
    public void AddTree_DisconnectedCycle_ThrowsArgumentException()
    {
        // Splits 1 and 2 point at each other; the root's leaves leave them unreachable.
        var builder = new TreeEnsembleBuilder(2);

        var e = Assert.Throws<ArgumentException>(() =>
            builder.AddTree([0, 0, 1], [0f, 0f, 0f], [~0, 2, ~2], [~1, ~3, 1], [1, 2, 3, 4]));
        Assert.Contains("not reachable", e.Message);
    }

    [Fact]
    public void AddTree_WrongLeafCount_ThrowsArgumentException()
    {
        var builder = new TreeEnsembleBuilder(2);

        Assert.Throws<ArgumentException>(() => builder.AddTree([0], [0f], [~0], [~1], [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => builder.AddTree([0], [float.NaN], [~0], [~1], [1, 2]));
        Assert.Throws<ArgumentException>(() => builder.AddTree([0], [0f], [~0], [~1], [1, double.PositiveInfinity]));
    }

    /// <summary>ML.NET's evaluation written plainly: walk each tree, sum outputs in double in tree order, add the bias.</summary>
    internal static float ReferenceScore(TreeEnsemble model, ReadOnlySpan<float> row)
    {
        double sum = 0;
        for (int t = 0; t < model.TreeCount; t++)
        {
            int first = model.TreeNodeOffsets[t], node = 0;
            while (true)
            {
                int child = row[model.SplitFeatures[first + node]] <= model.Thresholds[first + node] ? model.LeftChildren[first + node] : model.RightChildren[first + node];
                if (child < 0)
                {
                    sum += model.LeafValues[first + t + ~child];
                    break;
                }
                node = child;
            }
        }
        return (float)(sum + model.Bias);
    }

    private static byte[] Bytes(TreeEnsemble model)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) model.Write(writer);
        return stream.ToArray();
    }

    private static void Poke(byte[] bytes, int offset, int value) => BitConverter.TryWriteBytes(bytes.AsSpan(offset), value);
}
