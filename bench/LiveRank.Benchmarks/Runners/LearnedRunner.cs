using System.Diagnostics;
using LiveRank.Domain;
using LiveRank.Import;
using LiveRank.Scoring;
using LiveRank.Scoring.Models;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Text;
using LiveRank.Text.Encoders;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Times a trained model served over live state: a MovieLens folder's whole catalog (its item vectors from the vector
/// cache, encoded with the bundled MiniLM when missing) and all its ratings applied as events, then per-call rerank of 100
/// catalog candidates and recommend-10 from the whole catalog for users with history.
/// Usage: <c>learned MODEL.lrmodel MOVIELENS_DIR [--cache DIR] [calls]</c>.
/// </summary>
internal static class LearnedRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: learned MODEL.lrmodel MOVIELENS_DIR [--cache DIR] [calls]");
            return 64;
        }
        string modelPath = args[0];
        string data = args[1];
        string cacheDirectory = args.SkipWhile(a => a != "--cache").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "liverank-bench-vectors");
        int calls = args.Skip(2).Where(a => a.Length > 0 && char.IsAsciiDigit(a[0])).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault(20_000);
        Report.Environment();

        var setup = Stopwatch.StartNew();
        var model = RankingModel.Load(modelPath);
        using var encoder = BundledModel.CreateMiniLm();
        using var cache = EmbeddingCache.Open(cacheDirectory, encoder.ModelId, encoder.Dimension);
        var semantic = new SemanticState(new SemanticOptions(), encoder.ModelId, encoder.Dimension, cache, ItemTemplate.Movies.Render);
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default, semantic);
        var reader = new MovieLensReader(data);
        foreach (var item in reader.ReadItems()) state.UpsertItem(item);
        new ItemVectorIndexer(state, encoder).EncodeCatalog();
        var users = new HashSet<string>();
        foreach (var e in reader.ReadEvents().OrderBy(e => e.Timestamp))
        {
            state.Apply(e);
            users.Add(e.UserId);
        }
        IRanker ranker = new LearnedModelLoader().Load(modelPath, state);
        var itemIds = state.CatalogItems().Select(i => i.Id).ToArray();
        Console.WriteLine($"model {model.Metadata.Label} ({model.ItemCount:N0} items, {(model.Combiner is null ? "adapter only" : $"{model.Combiner.TreeCount} trees")}); " +
            $"state: {state.CatalogCount:N0} catalog items, {state.UserCount:N0} users; set up in {setup.Elapsed.TotalSeconds:N1} s");

        var random = new Random(5);
        var userList = users.Order(StringComparer.Ordinal).ToArray();
        var rank = new RankRequest[1024];
        var recommend = new RecommendRequest[1024];
        for (int i = 0; i < rank.Length; i++)
        {
            string user = userList[random.Next(userList.Length)];
            var candidates = new HashSet<string>();
            while (candidates.Count < 100) candidates.Add(itemIds[random.Next(itemIds.Length)]);
            rank[i] = new RankRequest { UserId = user, Candidates = [.. candidates.Select(c => new RankCandidate(c, null))] };
            recommend[i] = new RecommendRequest { UserId = user, Limit = 10 };
        }
        bool ok = Measure("rerank, 100 candidates", calls, i => ranker.Rank(rank[i % rank.Length]), targetUs: 500);
        ok &= Measure($"recommend 10 of {state.CatalogCount:N0} items", Math.Max(1, calls / 10), i => ranker.Recommend(recommend[i % recommend.Length]), targetUs: 5000);
        return ok ? 0 : 1;
    }

    private static bool Measure(string label, int calls, Action<int> call, double targetUs)
    {
        var timings = CallTimings.Measure(calls, call, warmup: Math.Min(calls, 2_000));
        timings.Print(label);
        return Report.Target("p99", timings.Microseconds(0.99), targetUs, atMost: true, "µs");
    }
}
