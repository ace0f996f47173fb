using LiveRank.Features;
using LiveRank.Semantics;
using LiveRank.Storage;
using LiveRank.Tests.Features;
using LiveRank.Tests.Storage;
using static LiveRank.Testing.SemanticMother;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Semantics;

public sealed class SemanticPersistenceTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static StoreOptions Options() => new() { Fsync = FsyncPolicy.Never };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reopen_RestoresVectorsAndProfilesWithoutEncodingAnything(bool snapshot)
    {
        float[] before;
        var first = Encoder();
        using (var cache = EmbeddingCache.Open(_temp.Sub("vectors"), first.ModelId, first.Dimension))
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Sub("store"), Options(), semantic: NewSemantic(first, cache: cache), cancellationToken: _ct))
        {
            await store.UpsertItemsAsync([Titled("s1", "Space Odyssey"), Titled("r1", "A Romance"), Titled("s2", "Space station")], _ct);
            new ItemVectorIndexer(store.State, first).EncodeCatalog(cancellationToken: _ct);
            await store.AppendEventsAsync([Event("u", "s1", "click", 0), Event("u", "r1", "view", 60)], _ct);
            if (snapshot) await store.SnapshotAsync(_ct);
            before = FeatureColumn.Fill(new ProfileSimilarityFeature(), store.State, "u", "s1", "r1", "s2");
        }

        var second = Encoder();
        using var reopenedCache = EmbeddingCache.Open(_temp.Sub("vectors"), second.ModelId, second.Dimension);
        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Sub("store"), Options(), semantic: NewSemantic(second, cache: reopenedCache), cancellationToken: _ct);
        var after = FeatureColumn.Fill(new ProfileSimilarityFeature(), reopened.State, "u", "s1", "r1", "s2");

        Assert.Equal(3, reopened.State.Semantic!.Items.Count);
        Assert.Equal(0, second.TextsEncoded);
        Assert.Equal(before, after);
        Assert.True(after[0] > after[1]); // the click outweighs the view
    }

    [Fact]
    public async Task Reopen_SnapshotOfAnotherModel_RebuildsProfilesFromRecentEvents()
    {
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), cancellationToken: _ct))
        {
            await store.UpsertItemsAsync([Titled("s1", "Space Odyssey"), Titled("s2", "Space station"), Titled("r1", "A Romance")], _ct);
            await store.AppendEventsAsync([Event("u", "s1", "click", 0)], _ct);
        } // closing writes a snapshot without profiles

        var encoder = Encoder();
        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), semantic: NewSemantic(encoder), cancellationToken: _ct);
        Assert.Equal(0f, FeatureColumn.Fill(new ProfileSimilarityFeature(), reopened.State, "u", "s2")[0]);

        new ItemVectorIndexer(reopened.State, encoder).EncodeCatalog(cancellationToken: _ct);

        var profile = FeatureColumn.Fill(new ProfileSimilarityFeature(), reopened.State, "u", "s2", "r1");
        Assert.True(profile[0] > 0.9f);
        Assert.True(profile[1] < 0.2f);
    }

    [Fact]
    public async Task Reopen_SnapshotWithoutProfiles_BackgroundIndexerBuildsThemOnceItsQueueIsEncoded()
    {
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), cancellationToken: _ct))
        {
            await store.UpsertItemsAsync([Titled("s1", "Space Odyssey"), Titled("s2", "Space station"), Titled("r1", "A Romance")], _ct);
            await store.AppendEventsAsync([Event("u", "s1", "click", 0)], _ct);
        }
        var encoder = Encoder();
        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, Options(), semantic: NewSemantic(encoder), cancellationToken: _ct);
        var indexer = new ItemVectorIndexer(reopened.State, encoder);
        using var stop = new CancellationTokenSource();

        // The worker's first drain runs before any item is encoded: the profile must wait for the vectors, not be
        // rebuilt empty and forgotten.
        var loop = Task.Run(() => indexer.RunAsync(stop.Token), _ct);
        await indexer.WaitForAsync([reopened.State.GetItem("s1")!], TimeSpan.FromSeconds(30), _ct);
        await indexer.WhenIdleAsync(_ct);

        Assert.True(FeatureColumn.Fill(new ProfileSimilarityFeature(), reopened.State, "u", "s2")[0] > 0.9f);
        await stop.CancelAsync();
        await loop;
    }

    public void Dispose() => _temp.Dispose();
}
