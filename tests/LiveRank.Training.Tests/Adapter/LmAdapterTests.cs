using LiveRank.Scoring.Adapter;
using LiveRank.Scoring.Models;
using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

public sealed class LmAdapterTests
{
    private const int Dimension = 19; // not a multiple of any vector width
    private const int Rank = 6;
    private const int Window = 4;
    private const int Items = 5;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EncodeUser_MatchesScalarReference(bool lastItemAndBias)
    {
        var (layout, theta, adapter) = Random(lastItemAndBias, seed: 1);
        float[] vectors = Vectors(seed: 2);
        int[] history = [3, 0, 4];
        float[] weights = [1f, -0.5f, 0.25f];
        var user = new float[Rank];

        adapter.EncodeUser(Rows(vectors, history), weights, user);

        var expected = AdapterReference.User(layout, [.. theta.Select(v => (double)v)], vectors, history, weights);
        for (int i = 0; i < Rank; i++) Assert.Equal(expected[i], user[i], 1e-5);
    }

    [Fact]
    public void EncodeUser_EmptyHistory_ZeroExceptBiasSlot()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 1);
        var user = Enumerable.Repeat(7f, Rank).ToArray();

        adapter.EncodeUser([], [], user);

        Assert.Equal([0f, 0f, 0f, 0f, 0f, 1f], user);
    }

    [Fact]
    public void EncodeUser_MoreRowsThanWindow_ReadsTheMostRecent()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 1);
        float[] vectors = Vectors(seed: 2);
        int[] history = [0, 1, 2, 3, 4, 2];
        float[] weights = [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f];
        float[] all = new float[Rank], recent = new float[Rank];

        adapter.EncodeUser(Rows(vectors, history), weights, all);
        adapter.EncodeUser(Rows(vectors, history[^Window..]), weights.AsSpan(weights.Length - Window), recent);

        Assert.Equal(recent, all);
    }

    [Fact]
    public void EncodeUser_NoWeights_SameAsWeightsOfOne()
    {
        var (_, _, adapter) = Random(lastItemAndBias: false, seed: 1);
        float[] vectors = Vectors(seed: 2);
        float[] implicitOnes = new float[Rank], ones = new float[Rank];

        adapter.EncodeUser(Rows(vectors, [1, 2]), [], implicitOnes);
        adapter.EncodeUser(Rows(vectors, [1, 2]), [1f, 1f], ones);

        Assert.Equal(ones, implicitOnes);
    }

    [Fact]
    public void EncodeUser_BadShapes_Throw()
    {
        var (_, _, adapter) = Random(lastItemAndBias: false, seed: 1);

        Assert.Throws<ArgumentException>(() => adapter.EncodeUser(new float[Dimension + 1], [], new float[Rank]));
        Assert.Throws<ArgumentException>(() => adapter.EncodeUser(new float[2 * Dimension], [1f], new float[Rank]));
        Assert.Throws<ArgumentException>(() => adapter.EncodeUser(new float[Dimension], [], new float[Rank - 1]));
    }

    [Fact]
    public void EncodeItem_OffsetOnlyForItemsTheModelKnows()
    {
        var (layout, theta, adapter) = Random(lastItemAndBias: true, seed: 3);
        float[] vectors = Vectors(seed: 4);
        var e = vectors.AsSpan(2 * Dimension, Dimension);
        float[] warm = new float[Rank], cold = new float[Rank], unknown = new float[Rank], textless = new float[Rank];

        adapter.EncodeItem(e, 2, warm);
        adapter.EncodeItem(e, -1, cold);
        adapter.EncodeItem(e, Items, unknown);
        adapter.EncodeItem([], 2, textless);

        var offset = theta.AsSpan(layout.ItemOffsets + 2 * Rank, Rank).ToArray();
        for (int i = 0; i < Rank; i++)
        {
            Assert.Equal(cold[i] + offset[i], warm[i], 1e-5);
            Assert.Equal(offset[i], textless[i]);
        }
        Assert.Equal(cold, unknown);
        var reference = AdapterReference.Item(new AdapterLayout(Dimension, Rank, Window, 0, true, true), [.. theta.Select(v => (double)v)], vectors, 2);
        for (int i = 0; i < Rank; i++) Assert.Equal(reference[i], cold[i], 1e-5);
    }

    [Fact]
    public void EncodeAllItems_RowsEqualEncodeItem_ZeroVectorKeepsOffset()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 3);
        float[] vectors = Vectors(seed: 4);
        Array.Clear(vectors, 1 * Dimension, Dimension); // item 1 has no text
        float[] extra = [.. vectors, .. vectors.AsSpan(0, Dimension)]; // item 5: beyond the offsets

        float[] codes = adapter.EncodeAllItems(extra);

        Assert.Equal((Items + 1) * Rank, codes.Length);
        var row = new float[Rank];
        for (int i = 0; i <= Items; i++)
        {
            adapter.EncodeItem(i == 1 ? [] : extra.AsSpan(i * Dimension, Dimension), i, row);
            Assert.Equal(row, codes.AsSpan(i * Rank, Rank).ToArray());
        }
    }

    [Fact]
    public void Score_IsDotProductOfUserAndCode()
    {
        var (_, _, adapter) = Random(lastItemAndBias: false, seed: 5);
        float[] user = [1, 2, 3, 4, 5, 6], code = [0.5f, -1, 0, 2, 0, 1];

        Assert.Equal(0.5f - 2 + 8 + 6, adapter.Score(user, code), 5);
    }

    [Fact]
    public void EncodeAndScore_AfterWarmUp_AllocateNothing()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 5);
        float[] vectors = Vectors(seed: 6);
        float[] history = Rows(vectors, [0, 1, 2]);
        float[] weights = [1, 1, 1];
        float[] user = new float[Rank], code = new float[Rank];
        adapter.EncodeUser(history, weights, user);

        long before = GC.GetAllocatedBytesForCurrentThread();
        adapter.EncodeUser(history, weights, user);
        adapter.EncodeItem(vectors.AsSpan(0, Dimension), 0, code);
        float score = adapter.Score(user, code);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(score));
    }

    [Fact]
    public void EncodeUser_ConcurrentReaders_SameAsSequential()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 7);
        float[] vectors = Vectors(seed: 8);
        var histories = Enumerable.Range(0, 64).Select(i => new[] { i % Items, (i * 3 + 1) % Items, (i * 7 + 2) % Items }).ToArray();
        var sequential = histories.Select(h => Encode(adapter, vectors, h)).ToArray();

        var concurrent = new float[histories.Length][];
        Parallel.For(0, histories.Length * 20, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => concurrent[i % histories.Length] = Encode(adapter, vectors, histories[i % histories.Length]));

        for (int i = 0; i < histories.Length; i++) Assert.Equal(sequential[i], concurrent[i]);
    }

    [Fact]
    public void Constructor_WrongShapeOrNaN_Throws()
    {
        var parameters = new LmAdapterParameters(Dimension, Rank, Window, Items, lastItemTerm: false, itemBias: false);
        parameters.Query[3] = float.NaN;

        Assert.Throws<ArgumentException>(() => new LmAdapter(parameters));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LmAdapterParameters(Dimension, rank: 1, Window, Items, false, itemBias: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WriteRead_RoundTrip_SameParametersAndScores(bool lastItemAndBias)
    {
        var (_, _, adapter) = Random(lastItemAndBias, seed: 9);
        float[] vectors = Vectors(seed: 10);

        var copy = LmAdapter.Read(new BinaryReader(new MemoryStream(Bytes(adapter))), Dimension);

        Assert.Equal(adapter.HasLastItemTerm, copy.HasLastItemTerm);
        Assert.Equal(adapter.HasItemBias, copy.HasItemBias);
        Assert.Equal((adapter.Dimension, adapter.Rank, adapter.Window, adapter.ItemCount), (copy.Dimension, copy.Rank, copy.Window, copy.ItemCount));
        Assert.Equal(adapter.EncodeAllItems(vectors), copy.EncodeAllItems(vectors));
        Assert.Equal(Encode(adapter, vectors, [4, 1, 3]), Encode(copy, vectors, [4, 1, 3]));
        var (a, b) = (adapter.GetParameters(), copy.GetParameters());
        Assert.Equal(a.ItemOffsets, b.ItemOffsets);
        Assert.Equal(a.Query, b.Query);
        Assert.Equal(a.EventWeight, b.EventWeight);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsModelFormatException()
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 11);
        byte[] bytes = Bytes(adapter);

        for (int length = 0; length < bytes.Length; length++)
        {
            var seekable = new MemoryStream(bytes, 0, length);
            Assert.Throws<ModelFormatException>(() => LmAdapter.Read(new BinaryReader(seekable)));
            var forwardOnly = new ForwardOnlyStream(bytes.AsSpan(0, length).ToArray());
            Assert.Throws<ModelFormatException>(() => LmAdapter.Read(new BinaryReader(forwardOnly)));
        }
    }

    [Theory]
    [InlineData(0, "Not an LM adapter section")]       // magic
    [InlineData(4, "format version")]                  // version
    [InlineData(9, "corrupt")]                          // dimension (its high byte: negative)
    [InlineData(22, "corrupt")]                         // flags
    public void Read_CorruptHeader_ThrowsModelFormatExceptionSayingWhat(int offset, string message)
    {
        var (_, _, adapter) = Random(lastItemAndBias: true, seed: 11);
        byte[] bytes = Bytes(adapter);
        bytes[offset] ^= 0xF0;

        var error = Assert.Throws<ModelFormatException>(() => LmAdapter.Read(new BinaryReader(new MemoryStream(bytes))));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Read_NaNWeight_ThrowsModelFormatException()
    {
        var (_, _, adapter) = Random(lastItemAndBias: false, seed: 11);
        byte[] bytes = Bytes(adapter);
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, 23 + 4); // the first position bias, after the header and β

        Assert.Throws<ModelFormatException>(() => LmAdapter.Read(new BinaryReader(new MemoryStream(bytes))));
    }

    [Fact]
    public void Read_OtherEncoderDimension_ThrowsModelFormatException()
    {
        var (_, _, adapter) = Random(lastItemAndBias: false, seed: 11);

        var error = Assert.Throws<ModelFormatException>(() => LmAdapter.Read(new BinaryReader(new MemoryStream(Bytes(adapter))), expectedDimension: 384));

        Assert.Contains("19-dimensional", error.Message);
    }

    private static (AdapterLayout Layout, float[] Theta, LmAdapter Adapter) Random(bool lastItemAndBias, int seed)
    {
        var layout = new AdapterLayout(Dimension, Rank, Window, Items, lastItemAndBias, lastItemAndBias);
        var random = new Random(seed);
        float[] theta = [.. Enumerable.Range(0, layout.Length).Select(_ => (float)(random.NextDouble() - 0.5))];
        // The bias rows of A and A₂ are unused; training keeps them zero.
        if (layout.ItemBias)
        {
            Array.Clear(theta, layout.UserProjection + (Rank - 1) * Dimension, Dimension);
            if (layout.LastItemTerm) Array.Clear(theta, layout.LastItemProjection + (Rank - 1) * Dimension, Dimension);
        }
        return (layout, theta, layout.ToAdapter(theta));
    }

    private static float[] Vectors(int seed)
    {
        var random = new Random(seed);
        var vectors = new float[Items * Dimension];
        for (int i = 0; i < vectors.Length; i++) vectors[i] = (float)(random.NextDouble() * 2 - 1);
        for (int item = 0; item < Items; item++)
        {
            var row = vectors.AsSpan(item * Dimension, Dimension);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, System.Numerics.Tensors.TensorPrimitives.Norm<float>(row), row);
        }
        return vectors;
    }

    private static float[] Rows(float[] vectors, int[] items) => [.. items.SelectMany(i => vectors.AsSpan(i * Dimension, Dimension).ToArray())];

    private static float[] Encode(LmAdapter adapter, float[] vectors, int[] history)
    {
        var user = new float[adapter.Rank];
        adapter.EncodeUser(Rows(vectors, history), [], user);
        return user;
    }

    private static byte[] Bytes(LmAdapter adapter)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) adapter.Write(writer);
        return stream.ToArray();
    }

    /// <summary>A stream that cannot seek, as a network or decompression stream: the reader cannot check lengths up front.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
