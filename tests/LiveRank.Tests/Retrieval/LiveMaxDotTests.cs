using LiveRank.Retrieval;

namespace LiveRank.Tests.Retrieval;

public sealed class LiveMaxDotTests
{
    /// <summary>The scalar reference: each dot product in double, then the maximum.</summary>
    private static double Reference(float[] row, float[] queries, int count)
    {
        double best = double.NegativeInfinity;
        for (int j = 0; j < count; j++)
        {
            double sum = 0;
            for (int k = 0; k < row.Length; k++) sum += (double)row[k] * queries[j * row.Length + k];
            best = Math.Max(best, sum);
        }
        return best;
    }

    private static float[] Random(Random random, int n)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(384)]
    [InlineData(385)]
    public void Compute_AnyDimensionAndQueryCount_MatchesTheScalarReference(int dimension)
    {
        var random = new Random(dimension);
        for (int count = 1; count <= 7; count++)
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var row = Random(random, dimension);
                var queries = Random(random, count * dimension);

                float actual = LiveMaxDot.Compute(row, queries, count);

                Assert.Equal(Reference(row, queries, count), actual, 1e-4 * Math.Sqrt(dimension));
            }
        }
    }

    [Fact]
    public void Compute_BestQueryLast_FindsIt()
    {
        float[] row = [1, 0, 0, 0, 0, 0, 0, 0, 0];
        var queries = new float[4 * row.Length];
        queries[3 * row.Length] = 5; // only the fourth query points along the row

        Assert.Equal(5f, LiveMaxDot.Compute(row, queries, 4));
    }

    [Fact]
    public void Compute_NoQuery_IsNegativeInfinity()
    {
        Assert.Equal(float.NegativeInfinity, LiveMaxDot.Compute([1, 2, 3], [], 0));
    }

    [Fact]
    public void Compute_TooFewQueryFloats_Throws()
    {
        Assert.Throws<ArgumentException>(() => LiveMaxDot.Compute(new float[16], new float[31], 2));
    }
}
