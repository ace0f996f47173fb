using LiveRank.Features;
using LiveRank.Semantics;
using LiveRank.Tests.Features;
using LiveRank.Tests.Storage;
using LiveRank.Testing;
using static LiveRank.Testing.SemanticMother;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Semantics;

public sealed class SemanticStateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static (KeywordEncoder Encoder, LiveRank.State.LiveState State, ItemVectorIndexer Indexer) Catalog(SemanticOptions? options = null)
    {
        var encoder = Encoder();
        var state = SemanticMother.NewState(NewSemantic(encoder, options)).WithItems(
            Titled("s1", "Space Odyssey"), Titled("s2", "Space Station in space"), Titled("r1", "A Romance"),
            Titled("r2", "Romance in Paris"), Titled("c1", "Cooking with horse"));
        var indexer = new ItemVectorIndexer(state, encoder);
        return (encoder, state, indexer);
    }

    [Fact]
    public void UpsertItem_WithoutCache_QueuesItAndTheIndexerEncodesIt()
    {
        var (encoder, state, indexer) = Catalog();
        var semantic = state.Semantic!;
        Assert.Equal(5, semantic.Queued);
        Assert.Equal(0, semantic.Items.Count);

        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, semantic.Items.Count);
        Assert.Equal(5, encoder.TextsEncoded);
    }

    [Fact]
    public void UpsertItem_CachedText_TakesTheVectorAtOnceAndEncodesNothing()
    {
        var encoder = Encoder();
        using (var cache = EmbeddingCache.Open(_temp.Path, encoder.ModelId, encoder.Dimension))
        {
            var first = SemanticMother.NewState(NewSemantic(encoder, cache: cache)).WithItems(Titled("s1", "Space Odyssey"));
            new ItemVectorIndexer(first, encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        }
        var again = Encoder();
        using var reopened = EmbeddingCache.Open(_temp.Path, again.ModelId, again.Dimension);

        var state = SemanticMother.NewState(NewSemantic(again, cache: reopened)).WithItems(Titled("s1", "Space Odyssey"));

        Assert.True(state.Semantic!.Items.Has(0));
        Assert.Equal(1, state.Semantic.CacheHits);
        Assert.Equal(0, again.TextsEncoded);
    }

    [Fact]
    public void UpsertItem_ChangedText_IsReencoded()
    {
        var (encoder, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        state.UpsertItem(Titled("r1", "A Space Romance"));
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(6, encoder.TextsEncoded);
        var session = FeatureColumn.Fill(new SessionSimilarityFeature(), state.With(Event("u", "s1")), "u", "r1", "r2");
        Assert.True(session[0] > session[1]); // r1 now speaks of space
    }

    [Fact]
    public void Events_BuildProfiles_AndSimilarCandidatesScoreHigher()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        state.With(Event("u", "s1", "click", 0));

        var session = FeatureColumn.Fill(new SessionSimilarityFeature(), state, "u", "s2", "r2", "nope");
        var longTerm = FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2", "r2", "nope");
        Assert.True(session[0] > 0.9f);
        Assert.True(session[1] < 0.2f);
        Assert.Equal(0f, session[2]);
        Assert.Equal(session, longTerm); // one event: both profiles are the item's own vector
    }

    [Fact]
    public void NewSession_ResetsTheSessionProfileButKeepsTheLongTermOne()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        state.With(Event("u", "s1", "click", 0), Event("u", "r1", "click", 7200)); // two hours later: a new session

        var session = FeatureColumn.Fill(new SessionSimilarityFeature(), state, "u", "s2", "r2");
        var longTerm = FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2", "r2");

        Assert.True(session[0] < 0.2f); // the session is about romance only
        Assert.True(session[1] > 0.9f);
        Assert.True(longTerm[0] > 0.3f); // the long-term profile still remembers space
    }

    [Fact]
    public void Skip_PushesTheProfileAwayFromTheItem()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        state.With(Event("u", "s1", "click", 0), Event("u", "r1", "skip", 10));

        var longTerm = FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2", "r2");
        Assert.True(longTerm[0] > 0.5f);
        Assert.True(longTerm[1] < 0f);
    }

    [Fact]
    public void RecentItemSimilarity_IsTheBestMatchAmongTheLastLikedItems()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        state.With(Event("u", "s1", "click", 0), Event("u", "r1", "click", 10), Event("u", "c1", "skip", 20));

        var recent = FeatureColumn.Fill(new RecentItemSimilarityFeature(), state, "u", "s2", "r2", "c1");

        var semantic = state.Semantic!;
        var s1 = new float[semantic.Dimension];
        var r1 = new float[semantic.Dimension];
        semantic.Items.TryCopy(0, s1);
        semantic.Items.TryCopy(2, r1);
        Assert.Equal(Math.Max(semantic.Items.Dot(1, s1), semantic.Items.Dot(1, r1)), recent[0], 1e-6f);
        Assert.Equal(Math.Max(semantic.Items.Dot(3, s1), semantic.Items.Dot(3, r1)), recent[1], 1e-6f);
        // c1 was skipped, so it is not a source; its similarity is to s1/r1 only.
        Assert.True(recent[2] < 0.5f);
    }

    [Fact]
    public void ColdItem_GetsSemanticFeaturesAsSoonAsItIsEncoded()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        state.With(Event("u", "s1", "click", 0));
        state.UpsertItem(Titled("new", "Space station"));

        var before = FeatureColumn.Fill(new SessionSimilarityFeature(), state, "u", "new");
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        var after = FeatureColumn.Fill(new SessionSimilarityFeature(), state, "u", "new");

        Assert.Equal(0f, before[0]);
        Assert.True(after[0] > 0.9f);
    }

    [Fact]
    public void EventBeforeTheItemsVector_ProfileIsRebuiltOnceTheIndexerCatchesUp()
    {
        var (_, state, indexer) = Catalog();
        state.With(Event("u", "s1", "click", 0)); // nothing encoded yet
        Assert.Equal(0f, FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2")[0]);

        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2")[0] > 0.9f);
    }

    [Fact]
    public void FullQueue_UpsertStillSucceeds_AndTheSweepEncodesTheRest()
    {
        var (encoder, state, indexer) = Catalog(new SemanticOptions { QueueCapacity = 2 });

        Assert.Equal(5, state.CatalogCount);
        Assert.Equal(2, state.Semantic!.Queued);
        Assert.Equal(3, state.Semantic.Dropped);

        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, state.Semantic.Items.Count);
        Assert.Equal(5, encoder.TextsEncoded);
    }

    [Fact]
    public async Task RunAsync_EncodesInTheBackground_AndWaitForReturnsWhenDone()
    {
        var (_, state, indexer) = Catalog(new SemanticOptions { QueueCapacity = 2 });
        using var stop = new CancellationTokenSource();
        var loop = Task.Run(() => indexer.RunAsync(stop.Token), TestContext.Current.CancellationToken);

        int pending = await indexer.WaitForAsync([state.GetItem("s1")!, state.GetItem("c1")!], TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await indexer.WhenIdleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, pending);
        Assert.Equal(5, state.Semantic!.Items.Count); // the overflowed ones too, through the sweep
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public void DeleteItem_RemovesItsVector()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);

        state.DeleteItem("s1");

        Assert.False(state.Semantic!.Items.Has(0));
        Assert.Equal(4, state.Semantic.Items.Count);
    }

    [Fact]
    public void ForgetUser_RemovesTheProfile()
    {
        var (_, state, indexer) = Catalog();
        indexer.EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        state.With(Event("u", "s1", "click", 0));

        state.ForgetUser("u");

        Assert.Equal(0f, FeatureColumn.Fill(new ProfileSimilarityFeature(), state, "u", "s2")[0]);
    }

    public void Dispose() => _temp.Dispose();
}
