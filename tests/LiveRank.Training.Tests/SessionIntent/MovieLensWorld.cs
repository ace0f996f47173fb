using LiveRank.Domain;
using LiveRank.Import;
using LiveRank.Scoring;
using LiveRank.Scoring.Models;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Testing;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using LiveRank.Training.Models;

namespace LiveRank.Training.Tests.SessionIntent;

/// <summary>
/// The real ml-latest-small catalog and its 100,836 ratings, loaded into a fresh <see cref="LiveState"/> per scenario,
/// with MiniLM vectors (movies template) for the films the scenarios use — encoded once into a temporary cache, so a
/// state takes them at upsert; the other films rank without LM features, as they would while still being encoded.
/// The trained model is trained here on a slice (the first 40 users' ratings, no LM, small trees): the full-data
/// training takes about two minutes, too long for a test fixture.
/// </summary>
public sealed class MovieLensWorld : IDisposable
{
    /// <summary>Scenario users act after the dataset's last rating (2018-09-24).</summary>
    public static readonly DateTimeOffset Start = new(2018, 10, 1, 12, 0, 0, TimeSpan.Zero);

    // Horror films: a long history to watch, and unseen ones to rank.
    public static readonly string[] HorrorHistory =
        ["593", "2762", "1258", "1387", "1219", "2710", "1997", "1994", "2288", "1333", "1982", "1347", "2459", "3081", "6502", "5679", "4720", "1407", "70", "1215"];
    public static readonly string[] HorrorCandidates = ["253", "2617", "56174", "3535", "2167", "2699", "196", "3499", "2455", "8874"];

    // Animated family films: three session clicks, and unseen ones to rank.
    public static readonly string[] AnimationClicks = ["1", "588", "364"];
    public static readonly string[] AnimationCandidates = ["4306", "595", "6377", "4886", "8961", "68954", "60069", "2355", "5218", "50872"];

    // Near-duplicates: Toy Story's sequels; Alien's.
    public const string ToyStory = "1", ToyStory2 = "3114", ToyStory3 = "78499", BugsLife = "2355";
    public const string Alien = "1214";
    public static readonly string[] AlienSequels = ["1200", "1320", "1690"];

    // Films far from both: dramas, westerns, war films, documentaries.
    public static readonly string[] Others =
        ["858", "1221", "527", "110", "590", "1201", "2028", "1208", "912", "1704", "5669", "8464", "246", "2064", "1266", "356", "2858", "1721"];

    private readonly string _cacheDirectory;
    private readonly EmbeddingCache _cache;
    private readonly Lazy<RankingModel> _model;

    public MovieLensWorld()
    {
        string folder = Path.Combine(TestFixtures.RepositoryRoot(), "samples", "ml-latest-small");
        var reader = new MovieLensReader(folder);
        Items = [.. reader.ReadItems()];
        Ratings = [.. reader.ReadEvents().OrderBy(e => e.Timestamp)];
        Template = ItemTemplate.Movies;

        var byId = Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        string[] used = [.. HorrorHistory, .. HorrorCandidates, .. AnimationClicks, .. AnimationCandidates, ToyStory2, ToyStory3, Alien, .. AlienSequels, .. Others];
        _cacheDirectory = Path.Combine(Path.GetTempPath(), $"liverank-intent-{Guid.NewGuid():N}");
        using var encoder = BundledModel.CreateMiniLm();
        ModelId = encoder.ModelId;
        Dimension = encoder.Dimension;
        // With a whole-catalog vector cache named (beside a model file), every film has its vector, as in service.
        _cache = EmbeddingCache.Open(Environment.GetEnvironmentVariable(VectorsVariable) is { Length: > 0 } vectorsDirectory ? vectorsDirectory : _cacheDirectory,
            encoder.ModelId, encoder.Dimension);
        var texts = used.Distinct().Select(id => Template.Render(byId[id])).Where(t => !_cache.Contains(EmbeddingCache.HashText(t))).ToArray();
        var vectors = new float[texts.Length * Dimension];
        if (texts.Length > 0) encoder.EncodeBatch(texts, vectors);
        for (int i = 0; i < texts.Length; i++) _cache.Add(EmbeddingCache.HashText(texts[i]), vectors.AsSpan(i * Dimension, Dimension));

        _model = new Lazy<RankingModel>(TrainSlice);
    }

    /// <summary>
    /// A model file to run the "trained" scenarios with instead of the slice (e.g. one from
    /// <c>liverank train --dataset movielens:samples/ml-latest-small</c>); unset in CI.
    /// </summary>
    public const string ModelVariable = "LIVERANK_SCENARIO_MODEL";

    /// <summary>A vector cache folder holding the whole catalog (movies template, MiniLM), used with <see cref="ModelVariable"/>.</summary>
    public const string VectorsVariable = "LIVERANK_SCENARIO_VECTORS";

    public static string? ModelFile => Environment.GetEnvironmentVariable(ModelVariable) is { Length: > 0 } path ? path : null;

    private RankingModel TrainSlice()
    {
        if (ModelFile is { } path) return RankingModel.Load(path);
        var slice = Ratings.Where(e => int.Parse(e.UserId, System.Globalization.CultureInfo.InvariantCulture) <= TrainingUsers);
        var log = EventTrainingLog.Build($"ml-latest-small (users 1–{TrainingUsers})", Items, slice, EventTypeRegistry.Default);
        return ModelTrainer.Train(log, Models.SyntheticLog.FastOptions(lm: false), cancellationToken: TestContext.Current.CancellationToken).Model;
    }

    public List<Item> Items { get; }
    public List<UserEvent> Ratings { get; }
    public ItemTemplate Template { get; }
    public string ModelId { get; }
    public int Dimension { get; }
    /// <summary>Trained on first use: users 1–<see cref="TrainingUsers"/> only, to keep the fixture within seconds.</summary>
    public RankingModel Model => _model.Value;

    public const int TrainingUsers = 40;

    /// <summary>A fresh state holding the catalog and every rating, vectors for the scenario films.</summary>
    public LiveState NewState(StateOptions? options = null)
    {
        var semantic = new SemanticState(new SemanticOptions(), ModelId, Dimension, _cache, Template.Render);
        var state = new LiveState(options ?? MovieOptions(), EventTypeRegistry.Default, semantic);
        foreach (var item in Items) state.UpsertItem(item);
        foreach (var e in Ratings) state.Apply(e);
        return state;
    }

    /// <summary>State options for MovieLens: sequels count as near-duplicates of a purchase (see <see cref="StateOptions.NearDuplicateSimilarity"/>).</summary>
    public static StateOptions MovieOptions() => new() { NearDuplicateSimilarity = 0.7 };

    /// <summary>The heuristic ranker (default weights) or the trained model, over <paramref name="state"/>.</summary>
    public IRanker Ranker(string kind, LiveState state) => kind switch
    {
        "heuristic" => new Reranker(state, new HeuristicScorer()),
        "trained" => new LearnedRanker(state, Model),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public void Dispose()
    {
        _cache.Dispose();
        try
        {
            Directory.Delete(_cacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
