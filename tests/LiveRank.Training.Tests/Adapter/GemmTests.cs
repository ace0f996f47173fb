using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

public sealed class GemmTests
{
    [Theory]
    [InlineData(9, 7, 13)]   // every tail: rows, columns and k beyond the 4 × 4 blocks and the vector width
    [InlineData(8, 8, 16)]
    [InlineData(1, 1, 1)]
    [InlineData(12, 64, 384)]
    public void MultiplyTransposed_AnyShape_MatchesScalarProduct(int m, int n, int k)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        float[] x = Draw(random, m * k), y = Draw(random, n * k);
        int stride = n + 3;
        float[] c = Draw(random, m * stride);
        float[] before = (float[])c.Clone();

        Gemm.MultiplyTransposed(x, y, c, n, k, stride, 0, m, accumulate: true);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = before[i * stride + j];
                for (int p = 0; p < k; p++) sum += (double)x[i * k + p] * y[j * k + p];
                Assert.Equal(sum, c[i * stride + j], 1e-4);
            }
            for (int j = n; j < stride; j++) Assert.Equal(before[i * stride + j], c[i * stride + j]); // padding untouched
        }
    }

    [Theory]
    [InlineData(9, 7, 13, false)]
    [InlineData(9, 37, 5, true)]
    [InlineData(4, 32, 3, false)]
    [InlineData(12, 384, 64, true)]
    public void Multiply_StoredOrTransposedX_MatchesScalarProduct(int m, int n, int k, bool transposedX)
    {
        var random = new Random(m * 1000 + n * 10 + k);
        float[] x = Draw(random, m * k), y = Draw(random, k * n);
        float[] c = new float[m * n];
        int rowStride = transposedX ? 1 : k, columnStride = transposedX ? m : 1;

        // Two bands, as two threads would compute them.
        Gemm.Multiply(x, rowStride, columnStride, y, c, n, k, 0, 4, accumulate: false);
        Gemm.Multiply(x, rowStride, columnStride, y, c, n, k, 4, m, accumulate: false);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += (double)x[i * rowStride + p * columnStride] * y[p * n + j];
                Assert.Equal(sum, c[i * n + j], 1e-4);
            }
    }

    [Fact]
    public void Multiply_SpansTooSmall_Throws()
    {
        Assert.Throws<ArgumentException>(() => Gemm.Multiply(new float[3], 2, 1, new float[4], new float[4], 2, 2, 0, 2, false));
        Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposed(new float[4], new float[3], new float[4], 2, 2, 2, 0, 2, false));
    }

    private static float[] Draw(Random random, int count) => [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1))];
}
