using LiveRank.Domain;
using LiveRank.Scoring.Models;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Testing;
using LiveRank.Text;
using LiveRank.Training.Models;

namespace LiveRank.Training.Tests.Models;

/// <summary>
/// A trained model served over live state: films in four keyword genres, users who watch one genre's films in order.
/// The model is trained on the events the live state received, then ranks from the live event ring.
/// </summary>
public class LearnedRankerTests : IClassFixture<LearnedRankerTests.World>
{
    private const int PerGenre = 20;
    private static readonly string[] Genres = ["space", "romance", "war", "cooking"];
    private readonly World _world;

    public LearnedRankerTests(World world) => _world = world;

    public sealed class World
    {
        public World()
        {
            Encoder = SemanticMother.Encoder();
            Items = [.. Genres.SelectMany((g, k) => Enumerable.Range(0, PerGenre).Select(i => SemanticMother.Titled(Id(k, i), $"A {g} film number {i}")))];
            var events = new List<UserEvent>();
            var random = new Random(3);
            for (int u = 0; u < 80; u++)
            {
                int genre = u % Genres.Length;
                int start = random.Next(PerGenre);
                for (int k = 0; k < 10; k++)
                    events.Add(StateMother.Event($"u{u}", Id(genre, (start + k) % PerGenre), "click", atSeconds: u * 3600 + k * 60));
            }
            Events = events;
            var log = EventTrainingLog.Build("world", Items, events, EventTypeRegistry.Default);
            var vectors = ItemTextVectors.Load([.. log.ItemIds.Select(id => Items.First(i => i.Id == id))], ItemTemplate.Generic, Encoder,
                EmbeddingCache.None(Encoder.ModelId, Encoder.Dimension));
            log = log.WithVectors(vectors, Encoder.Dimension, Encoder.ModelId);
            Model = ModelTrainer.Train(log, SyntheticLog.FastOptions(), cancellationToken: TestContext.Current.CancellationToken).Model;
        }

        public KeywordEncoder Encoder { get; }
        public List<Item> Items { get; }
        public List<UserEvent> Events { get; }
        public RankingModel Model { get; }

        /// <summary>A fresh live state holding the world's catalog (encoded) and events.</summary>
        public LiveState NewState()
        {
            var state = SemanticMother.NewState(SemanticMother.NewSemantic(Encoder));
            foreach (var item in Items) state.UpsertItem(item);
            new ItemVectorIndexer(state, Encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
            foreach (var e in Events) state.Apply(e);
            return state;
        }
    }

    private static string Id(int genre, int i) => $"{Genres[genre]}-{i}";

    private static RankRequest Request(string user, params string[] candidates) =>
        new() { UserId = user, Candidates = [.. candidates.Select(c => new RankCandidate(c, null))] };

    [Fact]
    public void Rank_NextFilmOfTheWalk_RanksFirst()
    {
        var state = _world.NewState();
        var ranker = new LearnedRanker(state, _world.Model);
        // u0 walks the space films; the film after its last one is the natural next.
        var last = _world.Events.Last(e => e.UserId == "u0").ItemId;
        int index = int.Parse(last.Split('-')[1]);
        string next = Id(0, (index + 1) % PerGenre);
        var result = ranker.Rank(Request("u0", Id(1, 0), Id(2, 3), next, Id(3, 5)));
        Assert.Equal(next, result.Items[0].Id);
        Assert.Equal(_world.Model.Metadata.Label, result.Model);
    }

    [Fact]
    public void Rank_AfterClicksInAnotherGenre_TheNewGenreMovesUpAtOnce()
    {
        var state = _world.NewState();
        var ranker = new LearnedRanker(state, _world.Model);
        string[] candidates = [Id(0, 2), Id(0, 5), Id(3, 2), Id(3, 5)];
        int Best(string genre) => ranker.Rank(Request("u0", candidates)).Items.ToList().FindIndex(i => i.Id.StartsWith(genre, StringComparison.Ordinal));
        int before = Best("cooking");
        // u0 (a space walker) now clicks three cooking films in a row.
        for (int k = 0; k < 3; k++) state.Apply(StateMother.Event("u0", Id(3, k), "click", atSeconds: 400_000 + k * 60));
        int after = Best("cooking");
        Assert.True(after < before, $"cooking best rank {before} → {after}");
        Assert.Equal(0, after);
    }

    [Fact]
    public void AdapterUserRepresentation_ReadsTheLiveSequence()
    {
        var state = _world.NewState();
        var ranker = new LearnedRanker(state, _world.Model);
        string cooking = Id(3, 7), space = Id(0, 7);
        float Adapter(string candidate) =>
            ranker.Rank(Request("u0", cooking, space) with { Explain = true }).Items.Single(i => i.Id == candidate).Contributions![RankingFeatures.Names[RankingFeatures.AdapterColumns[0]]];
        float cookingBefore = Adapter(cooking), spaceBefore = Adapter(space);

        // Events the model never saw in training: the adapter's user vector is recomputed from the live ring at once.
        for (int k = 0; k < 4; k++) state.Apply(StateMother.Event("u0", Id(3, k), "click", atSeconds: 500_000 + k * 60));

        Assert.True(Adapter(cooking) > cookingBefore, $"cooking adapter score {cookingBefore} → {Adapter(cooking)}");
        Assert.True(Adapter(cooking) - Adapter(space) > cookingBefore - spaceBefore);
    }

    [Fact]
    public void Recommend_LeavesOutSeenAndDeletedItems()
    {
        var state = _world.NewState();
        var ranker = new LearnedRanker(state, _world.Model);
        var seen = _world.Events.Where(e => e.UserId == "u1").Select(e => e.ItemId).ToHashSet();
        var first = ranker.Recommend(new RecommendRequest { UserId = "u1", Limit = 5 });
        Assert.NotEmpty(first.Items);
        Assert.DoesNotContain(first.Items, i => seen.Contains(i.Id));
        Assert.True(state.DeleteItem(first.Items[0].Id));
        var second = ranker.Recommend(new RecommendRequest { UserId = "u1", Limit = 5 });
        Assert.DoesNotContain(second.Items, i => i.Id == first.Items[0].Id);
        Assert.Equal([.. Enumerable.Range(1, second.Items.Count)], second.Items.Select(i => i.Rank));
    }

    [Fact]
    public void Recommend_ColdUser_GetsPopularItems()
    {
        var ranker = new LearnedRanker(_world.NewState(), _world.Model);
        var result = ranker.Recommend(new RecommendRequest { UserId = "nobody", Limit = 3 });
        Assert.Equal(3, result.Items.Count);
    }

    [Fact]
    public void Rank_ItemAddedAfterTraining_RanksByItsText()
    {
        var state = _world.NewState();
        state.UpsertItem(SemanticMother.Titled("new-space", "A brand new space film"));
        state.UpsertItem(SemanticMother.Titled("new-cooking", "A brand new cooking film"));
        new ItemVectorIndexer(state, _world.Encoder).EncodeCatalog(cancellationToken: TestContext.Current.CancellationToken);
        var ranker = new LearnedRanker(state, _world.Model);
        // u0 walks space films: the new space film outranks the new cooking film though neither has any interaction.
        var result = ranker.Rank(Request("u0", "new-cooking", "new-space"));
        Assert.Equal("new-space", result.Items[0].Id);
    }

    [Fact]
    public void Rank_UnknownCandidateIds_StillRankAndExplain()
    {
        var ranker = new LearnedRanker(_world.NewState(), _world.Model);
        var result = ranker.Rank(Request("u0", "never-seen", Id(0, 1)) with { Explain = true });
        Assert.Equal(2, result.Items.Count);
        Assert.All(result.Items, i => Assert.NotNull(i.Contributions));
        Assert.Contains("pop.all", result.Items.First(i => i.Id == Id(0, 1)).Contributions!.Keys);
    }

    [Fact]
    public void Rank_Explain_LargestTreeAttributionsFirstAndHistoryNamesTheGenre()
    {
        var state = _world.NewState();
        var ranker = new LearnedRanker(state, _world.Model);
        var policies = new LiveRank.Policies.PolicyRanker(state, LiveRank.Policies.RankingPolicy.None, TimeProvider.System);
        var request = Request("u0", Id(0, 5), Id(1, 5), Id(3, 5)) with { Explain = true };

        var result = policies.Rank(ranker, request);

        foreach (var item in result.Items)
        {
            var explanation = item.Explanation!;
            Assert.InRange(explanation.Features.Count, 1, LiveRank.Explanations.ItemExplanation.TopFeatures);
            for (int i = 1; i < explanation.Features.Count; i++)
                Assert.True(Math.Abs(explanation.Features[i - 1].Contribution) >= Math.Abs(explanation.Features[i].Contribution));
        }
        Assert.NotNull(_world.Model.Combiner); // the parts come from the trees' path attribution, not the adapter fallback
        Assert.All(result.Items, i => Assert.NotEqual(0, i.Explanation!.Features[0].Contribution));
        // u0 clicked space films: the space candidate's reason names one of them.
        var space = result.Items.Single(i => i.Id == Id(0, 5)).Explanation!;
        Assert.NotEmpty(space.SimilarTo);
        Assert.All(space.SimilarTo, m => Assert.Contains("space", m.Title));
        Assert.All(space.SimilarTo, m => Assert.Equal("clicked", m.Interaction));
    }

    [Fact]
    public void Loader_OtherEncoder_IsRefused()
    {
        string directory = Directory.CreateTempSubdirectory("liverank-loader-").FullName;
        try
        {
            string path = Path.Combine(directory, "m" + RankingModel.FileExtension);
            _world.Model.Save(path);
            var other = new KeywordEncoder(SemanticMother.Keywords) { ModelId = "another-encoder" };
            var state = SemanticMother.NewState(SemanticMother.NewSemantic(other));
            var error = Assert.Throws<ModelFormatException>(() => new LearnedModelLoader().Load(path, state));
            Assert.Contains("another-encoder", error.Message, StringComparison.Ordinal);
            Assert.IsType<LearnedRanker>(new LearnedModelLoader().Load(path, _world.NewState()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
