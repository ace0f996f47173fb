using LiveRank.Semantics;
using LiveRank.Tests.Storage;

namespace LiveRank.Tests.Semantics;

public sealed class EmbeddingCacheTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    public void Add_ThenReopen_ReturnsTheSameVector()
    {
        ulong hash = EmbeddingCache.HashText("Toy Story (1995).");
        using (var cache = EmbeddingCache.Open(_temp.Path, "model-a", 3))
        {
            cache.Add(hash, [0.6f, 0.8f, 0f]);
            cache.Flush();
        }

        using var reopened = EmbeddingCache.Open(_temp.Path, "model-a", 3);
        var vector = new float[3];

        Assert.True(reopened.TryGet(hash, vector));
        Assert.Equal([0.6f, 0.8f, 0f], vector);
        Assert.Equal(1, reopened.Count);
        Assert.False(reopened.TryGet(EmbeddingCache.HashText("Heat (1995)."), vector));
    }

    [Fact]
    public void Add_SameHashTwice_StoresOneRecord()
    {
        using var cache = EmbeddingCache.Open(_temp.Path, "m", 2);
        cache.Add(7, [1, 0]);
        cache.Add(7, [0, 1]);

        var vector = new float[2];
        Assert.True(cache.TryGet(7, vector));
        Assert.Equal([1f, 0f], vector);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Open_TornTail_CutsItAndKeepsWholeRecords()
    {
        string path;
        using (var cache = EmbeddingCache.Open(_temp.Path, "m", 4))
        {
            cache.Add(1, [1, 0, 0, 0]);
            cache.Add(2, [0, 1, 0, 0]);
            path = cache.Path!;
        }
        long whole = new FileInfo(path).Length;
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(new byte[] { 3, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3 }); // a record cut short by a crash
        }

        using var reopened = EmbeddingCache.Open(_temp.Path, "m", 4);

        Assert.Equal(2, reopened.Count);
        Assert.Equal(1, reopened.RepairedRecords);
        Assert.Equal(whole, new FileInfo(path).Length);
        reopened.Add(3, [0, 0, 1, 0]);
        var vector = new float[4];
        Assert.True(reopened.TryGet(3, vector));
        Assert.Equal(1f, vector[2]);
    }

    [Fact]
    public void Open_CorruptRecord_IsDroppedWithEverythingAfterIt()
    {
        string path;
        using (var cache = EmbeddingCache.Open(_temp.Path, "m", 2))
        {
            cache.Add(1, [1, 0]);
            cache.Add(2, [0, 1]);
            path = cache.Path!;
        }
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0xFF; // inside the last record's checksum
        File.WriteAllBytes(path, bytes);

        using var reopened = EmbeddingCache.Open(_temp.Path, "m", 2);

        Assert.True(reopened.Contains(1));
        Assert.False(reopened.Contains(2));
    }

    [Fact]
    public void Open_OtherDimension_IsRejectedWithTheFileNamed()
    {
        EmbeddingCache.Open(_temp.Path, "m", 2).Dispose();

        var error = Assert.Throws<InvalidDataException>(() => EmbeddingCache.Open(_temp.Path, "m", 3));

        Assert.Contains("m.lrvec", error.Message);
    }

    [Fact]
    public void HashText_IsStableAndDistinguishesTexts()
    {
        Assert.Equal(EmbeddingCache.HashText("Heat (1995)."), EmbeddingCache.HashText("Heat (1995)."));
        Assert.NotEqual(EmbeddingCache.HashText("Heat (1995)."), EmbeddingCache.HashText("Heat (1995)"));
        Assert.NotEqual(0UL, EmbeddingCache.HashText(""));
    }

    public void Dispose() => _temp.Dispose();
}
