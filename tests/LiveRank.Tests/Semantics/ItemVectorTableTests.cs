using LiveRank.Semantics;

namespace LiveRank.Tests.Semantics;

public class ItemVectorTableTests
{
    private static float[] RandomUnit(Random random, int d)
    {
        var v = new float[d];
        for (int i = 0; i < d; i++) v[i] = (float)(random.NextDouble() * 2 - 1);
        float norm = MathF.Sqrt(v.Sum(x => x * x));
        for (int i = 0; i < d; i++) v[i] /= norm;
        return v;
    }

    private static float ScalarDot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a[i] * b[i];
        return (float)sum;
    }

    [Theory]
    [InlineData(VectorPrecision.Float32, 1e-6)]
    [InlineData(VectorPrecision.Float16, 2e-3)]
    [InlineData(VectorPrecision.Int8, 2e-2)]
    public void Dot_MatchesScalarReferenceWithinPrecision(VectorPrecision precision, double tolerance)
    {
        var random = new Random(7);
        var table = new ItemVectorTable(384, precision);
        var items = Enumerable.Range(0, 50).Select(_ => RandomUnit(random, 384)).ToArray();
        for (int i = 0; i < items.Length; i++) table.Set(i, items[i], (ulong)i + 1);
        var query = RandomUnit(random, 384);

        for (int i = 0; i < items.Length; i++) Assert.Equal(ScalarDot(items[i], query), table.Dot(i, query), tolerance);
    }

    [Theory]
    [InlineData(VectorPrecision.Float32, 1536)]
    [InlineData(VectorPrecision.Float16, 768)]
    [InlineData(VectorPrecision.Int8, 388)]
    public void RowBytes_FollowPrecision(VectorPrecision precision, int bytes) =>
        Assert.Equal(bytes, new ItemVectorTable(384, precision).RowBytes);

    [Fact]
    public void Dot_ItemWithoutVector_IsZero()
    {
        var table = new ItemVectorTable(4, VectorPrecision.Float32);
        table.Set(2, [1, 0, 0, 0], 9);

        Assert.Equal(0f, table.Dot(0, [1, 0, 0, 0]));
        Assert.Equal(0f, table.Dot(5000, [1, 0, 0, 0]));
        Assert.Equal(1f, table.Dot(2, [1, 0, 0, 0]));
    }

    [Fact]
    public void IsCurrent_TracksTheTextHash()
    {
        var table = new ItemVectorTable(2, VectorPrecision.Float32);
        table.Set(3000, [0, 1], 42); // beyond the initial capacity: the table grows

        Assert.True(table.IsCurrent(3000, 42));
        Assert.False(table.IsCurrent(3000, 43));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Clear_RemovesTheVector()
    {
        var table = new ItemVectorTable(2, VectorPrecision.Float16);
        table.Set(1, [0, 1], 5);

        table.Clear(1);

        Assert.False(table.Has(1));
        Assert.False(table.TryCopy(1, new float[2]));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void TryCopy_Int8_RoundTripsCloseToTheOriginal()
    {
        var original = RandomUnit(new Random(3), 64);
        var table = new ItemVectorTable(64, VectorPrecision.Int8);
        table.Set(0, original, 1);
        var copy = new float[64];

        Assert.True(table.TryCopy(0, copy));

        Assert.True(ScalarDot(original, copy) > 0.999f);
    }
}
