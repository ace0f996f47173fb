using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

public sealed class AdapterObjectiveTests
{
    private const int Dimension = 5;
    private const int Items = 7;

    // Item 6 has no text (a zero vector); user 1 ends on item 1 as user 0's second position does, so the batch holds a
    // repeated positive, and a sampled draw repeats it once more.
    private static readonly int[][] Sequences = [[0, 1, 2, 3, 4], [2, 6, 1], [4, 3]];
    private static readonly AdapterExample[] Batch = [new(0, 4), new(0, 2), new(1, 2), new(2, 1), new(0, 1)];
    private static readonly int[] Sampled = [5, 1, 3];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compute_EveryParameter_MatchesFiniteDifferencesOfDoubleReference(bool everything)
    {
        // everything: last-item term, item bias, offsets, in-batch negatives, logQ and L2; otherwise none of them.
        var layout = new AdapterLayout(Dimension, rank: 4, window: 3, itemCount: everything ? Items : 0, lastItemTerm: everything, itemBias: everything);
        var random = new Random(11);
        float[] vectors = Vectors(random);
        float[][] weights = [.. Sequences.Select(s => s.Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray())];
        float[] theta = [.. Enumerable.Range(0, layout.Length).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[]? logQ = everything ? [.. Enumerable.Range(0, Items).Select(_ => (float)Math.Log(0.1 + random.NextDouble()))] : null;
        float l2 = everything ? 0.05f : 0f;
        var objective = new AdapterObjective(layout, vectors, Sequences, weights, learnsOffset: [.. Enumerable.Repeat(true, Items)],
            maxBatch: Batch.Length, maxSampled: Sampled.Length, maxThreads: 2);
        var gradient = new float[layout.Length];

        double loss = objective.Compute(theta, Batch, Sampled, inBatchNegatives: everything, logQ, l2, dropout: 0, dropoutSeed: 0, gradient);

        double[] point = [.. theta.Select(v => (double)v)];
        double Reference() => AdapterReference.Loss(layout, point, vectors, Sequences, weights, Batch, Sampled, everything, logQ, l2);
        Assert.Equal(Reference(), loss, 1e-5);
        const double h = 1e-5;
        for (int i = 0; i < layout.Length; i++)
        {
            double saved = point[i];
            point[i] = saved + h;
            double up = Reference();
            point[i] = saved - h;
            double down = Reference();
            point[i] = saved;
            double numeric = (up - down) / (2 * h);
            double error = Math.Abs(numeric - gradient[i]);
            Assert.True(error <= 1e-3 * Math.Max(Math.Abs(numeric), Math.Abs(gradient[i])) + 1e-5,
                $"θ[{i}] ({Name(layout, i)}): analytic {gradient[i]:G6}, numeric {numeric:G6}");
        }
    }

    [Fact]
    public void Compute_ItemWithoutOffset_GetsNoOffsetGradientBeyondL2()
    {
        var layout = new AdapterLayout(Dimension, rank: 4, window: 3, itemCount: Items, lastItemTerm: false, itemBias: true);
        var random = new Random(5);
        float[] vectors = Vectors(random);
        float[] theta = [.. Enumerable.Range(0, layout.Length).Select(_ => (float)(random.NextDouble() - 0.5))];
        bool[] learns = [.. Enumerable.Range(0, Items).Select(i => i != 5)];
        var objective = new AdapterObjective(layout, vectors, Sequences, null, learns, Batch.Length, Sampled.Length, maxThreads: 1);
        var gradient = new float[layout.Length];

        objective.Compute(theta, Batch, Sampled, inBatchNegatives: true, logQ: null, l2: 0, dropout: 0, dropoutSeed: 0, gradient);

        Assert.All(gradient.AsSpan(layout.ItemOffsets + 5 * 4, 4).ToArray(), g => Assert.Equal(0f, g));
        Assert.Contains(gradient.AsSpan(layout.ItemOffsets + 3 * 4, 4).ToArray(), g => g != 0f);
    }

    [Fact]
    public void Compute_OneThreadOrTwo_BitIdenticalGradient()
    {
        var layout = new AdapterLayout(Dimension, rank: 6, window: 3, itemCount: Items, lastItemTerm: true, itemBias: true);
        var random = new Random(3);
        float[] vectors = Vectors(random);
        float[] theta = [.. Enumerable.Range(0, layout.Length).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] one = new float[layout.Length], two = new float[layout.Length];

        double lossOne = new AdapterObjective(layout, vectors, Sequences, null, null, Batch.Length, Sampled.Length, maxThreads: 1)
            .Compute(theta, Batch, Sampled, true, null, 0.01f, dropout: 0.3f, dropoutSeed: 42, one);
        double lossTwo = new AdapterObjective(layout, vectors, Sequences, null, null, Batch.Length, Sampled.Length, maxThreads: 2)
            .Compute(theta, Batch, Sampled, true, null, 0.01f, dropout: 0.3f, dropoutSeed: 42, two);

        Assert.Equal(lossOne, lossTwo);
        Assert.Equal(one, two);
    }

    private static float[] Vectors(Random random)
    {
        var vectors = new float[Items * Dimension];
        for (int item = 0; item < Items - 1; item++)
        {
            var row = vectors.AsSpan(item * Dimension, Dimension);
            for (int i = 0; i < Dimension; i++) row[i] = (float)(random.NextDouble() * 2 - 1);
            float norm = System.Numerics.Tensors.TensorPrimitives.Norm<float>(row);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        return vectors;
    }

    private static string Name(AdapterLayout layout, int i) =>
        i < layout.LastItemProjection ? "A" : i < layout.ItemProjection ? "A2" : i < layout.PositionBias ? "B" : i < layout.Query ? "p"
        : i < layout.EventWeight ? "q" : i < layout.ItemOffsets ? "β" : "O";
}
