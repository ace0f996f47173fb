using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Scoring;
using LiveRank.Scoring.Models;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>
/// The model host with a test-only loader (<see cref="TextModelLoader"/>: a <c>*.testmodel</c> file names a ranker that
/// reverses the heuristic order): start-up load, reloads, refused files, the directory watcher and swaps under load.
/// </summary>
public sealed class ModelHostTests : IAsyncDisposable
{
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromSeconds(30);
    private static readonly DateTime Earlier = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempStoreDirectory _store = new();
    private readonly TextModelLoader _loader = new();
    private LiveRankFactory? _factory;

    private string ModelDirectory => Path.Combine(_store.Path, "models");

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        _store.Dispose();
    }

    /// <summary>Starts the server on the test store, the language model off (not under test here), the test loader registered.</summary>
    private async Task<HttpClient> StartAsync(bool watch = false, bool registerLoader = true)
    {
        _factory = new LiveRankFactory(_store, new Dictionary<string, string?>
        {
            ["LiveRank:Semantic:Enabled"] = "false",
            ["LiveRank:Model:WatchFiles"] = watch ? "true" : "false",
        })
        {
            TestServices = services =>
            {
                // Only the test loader: the trained-model loader the server registers is under test elsewhere.
                services.RemoveAll<IRankingModelLoader>();
                if (registerLoader) services.AddSingleton<IRankingModelLoader>(_loader);
            },
        };
        var client = _factory.CreateClient();
        await PostOkAsync(client, "/v1/items", Items(Item("a", "A"), Item("b", "B"), Item("c", "C")));
        return client;
    }

    private static Task<JsonNode> RerankAsync(HttpClient client) => PostOkAsync(client, "/v1/rerank", Rerank("u", "a", "b", "c"));

    [Fact]
    public async Task Start_WithAModelFile_ServesIt()
    {
        string path = TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1");

        var client = await StartAsync();
        var models = await GetOkAsync(client, "/v1/models");
        var rerank = await RerankAsync(client);
        var recommend = await PostOkAsync(client, "/v1/recommend", new JsonObject { ["userId"] = "u" });
        var ready = await GetOkAsync(client, "/readyz");

        Assert.Equal("test-v1", models["model"]!.GetValue<string>());
        Assert.Equal(path, models["path"]!.GetValue<string>());
        Assert.Equal(ModelDirectory, models["directory"]!.GetValue<string>());
        Assert.Equal(["*.testmodel"], models["patterns"]!.AsArray().Select(p => p!.GetValue<string>()));
        var file = Assert.Single(models["files"]!.AsArray())!;
        Assert.Equal("m1.testmodel", file["name"]!.GetValue<string>());
        Assert.True(file["loadable"]!.GetValue<bool>());
        Assert.Equal("test-v1", rerank["model"]!.GetValue<string>());
        Assert.Equal(["c", "b", "a"], RankedIds(rerank)); // the heuristic keeps a, b, c for a cold user; reversed
        Assert.Equal("test-v1", recommend["model"]!.GetValue<string>());
        Assert.Equal("test-v1", ready["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_NewestFileCorrupt_ServesTheHeuristic()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1", Earlier);
        TextModelLoader.Write(ModelDirectory, "m2.testmodel", "corrupt", Earlier.AddMinutes(1));

        var client = await StartAsync();
        var models = await GetOkAsync(client, "/v1/models");
        var rerank = await RerankAsync(client);

        Assert.Equal(HeuristicScorer.ModelName, models["model"]!.GetValue<string>());
        Assert.Null(models["path"]);
        Assert.Equal(HeuristicScorer.ModelName, rerank["model"]!.GetValue<string>());
        Assert.Equal(["a", "b", "c"], RankedIds(rerank));
    }

    [Fact]
    public async Task Start_WithoutModelFiles_ServesTheHeuristic()
    {
        var client = await StartAsync();

        var models = await GetOkAsync(client, "/v1/models");

        Assert.Equal(HeuristicScorer.ModelName, models["model"]!.GetValue<string>());
        Assert.Empty(models["files"]!.AsArray());
        Assert.False(models["watching"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Start_NoLoaderRegistered_ServesTheHeuristicAndWatchesNothing()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1");

        var client = await StartAsync(watch: true, registerLoader: false);
        var models = await GetOkAsync(client, "/v1/models");
        using var reload = await client.PostAsync("/v1/models/reload", null, Ct);

        Assert.Equal(HeuristicScorer.ModelName, models["model"]!.GetValue<string>());
        Assert.False(models["watching"]!.GetValue<bool>());
        Assert.Empty(models["patterns"]!.AsArray());
        Assert.False(models["files"]![0]!["loadable"]!.GetValue<bool>());
        var problem = await AssertProblemAsync(reload, HttpStatusCode.NotFound);
        Assert.Contains("no model loader is registered", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_WithoutBody_LoadsTheNewestFileAndNamesThePreviousModel()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1", Earlier);
        var client = await StartAsync();
        string newer = TextModelLoader.Write(ModelDirectory, "m0.testmodel", "test-v2", Earlier.AddMinutes(1));

        var reload = await PostOkAsync(client, "/v1/models/reload", new JsonObject());
        using var empty = await client.PostAsync("/v1/models/reload", null, Ct);
        var rerank = await RerankAsync(client);

        Assert.Equal("test-v2", reload["model"]!.GetValue<string>());
        Assert.Equal(newer, reload["path"]!.GetValue<string>());
        Assert.Equal("test-v1", reload["previousModel"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal("test-v2", rerank["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_SameLastWriteTime_TakesTheGreaterName()
    {
        TextModelLoader.Write(ModelDirectory, "model-1.testmodel", "test-v1", Earlier);
        TextModelLoader.Write(ModelDirectory, "model-2.testmodel", "test-v2", Earlier);

        var client = await StartAsync();
        var models = await GetOkAsync(client, "/v1/models");

        Assert.Equal("test-v2", models["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_CorruptFile_Returns422AndTheOldModelKeepsServing()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1");
        var client = await StartAsync();
        TextModelLoader.Write(ModelDirectory, "bad.testmodel", "corrupt");

        using var response = await PostAsync(client, "/v1/models/reload", new JsonObject { ["path"] = "bad.testmodel" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var models = await GetOkAsync(client, "/v1/models");
        var rerank = await RerankAsync(client);

        Assert.Contains("bad.testmodel: not a test model", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("test-v1", problem["model"]!.GetValue<string>());
        Assert.Equal("test-v1", models["model"]!.GetValue<string>());
        Assert.Equal("test-v1", rerank["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_FileNoLoaderReads_Returns422()
    {
        var client = await StartAsync();
        Directory.CreateDirectory(ModelDirectory);
        await File.WriteAllTextAsync(Path.Combine(ModelDirectory, "weights.bin"), "x", Ct);

        using var response = await PostAsync(client, "/v1/models/reload", new JsonObject { ["path"] = "weights.bin" });
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var models = await GetOkAsync(client, "/v1/models");

        Assert.Contains("No model loader reads 'weights.bin'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(models["files"]![0]!["loadable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Reload_MissingFile_Returns404()
    {
        var client = await StartAsync();

        using var named = await PostAsync(client, "/v1/models/reload", new JsonObject { ["path"] = "nowhere.testmodel" });
        using var newest = await client.PostAsync("/v1/models/reload", null, Ct);

        await AssertProblemAsync(named, HttpStatusCode.NotFound);
        var problem = await AssertProblemAsync(newest, HttpStatusCode.NotFound);
        Assert.Contains("*.testmodel", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"path":""}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"path":"a\u0000b"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"path":7}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"path":""", HttpStatusCode.BadRequest)]
    public async Task Reload_BadBody_AnswersAProblem(string body, HttpStatusCode status)
    {
        var client = await StartAsync();

        using var response = await PostAsync(client, "/v1/models/reload", body);

        await AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task Watcher_NewFileInTheDirectory_IsPickedUp()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1", Earlier);
        var client = await StartAsync(watch: true);
        Assert.True((await GetOkAsync(client, "/v1/models"))["watching"]!.GetValue<bool>());

        TextModelLoader.Write(ModelDirectory, "m2.testmodel", "test-v2");
        string model = await WaitForModelAsync(client, "test-v2");

        Assert.Equal("test-v2", model);
        Assert.Equal("test-v2", (await RerankAsync(client))["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watcher_CorruptFileDropped_OldModelKeepsServing()
    {
        TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1", Earlier);
        var client = await StartAsync(watch: true);
        int attempts = _loader.Attempts;

        TextModelLoader.Write(ModelDirectory, "m2.testmodel", "corrupt");
        var clock = Stopwatch.StartNew();
        while (_loader.Attempts == attempts && clock.Elapsed < WatchTimeout) await Task.Delay(50, Ct); // bounded poll
        var models = await GetOkAsync(client, "/v1/models");
        var rerank = await RerankAsync(client);

        Assert.True(_loader.Attempts > attempts, "the watcher never tried the new file");
        Assert.Equal("test-v1", models["model"]!.GetValue<string>());
        Assert.Equal("test-v1", rerank["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reload_DuringConcurrentReranks_EveryRequestSucceeds()
    {
        string v1 = TextModelLoader.Write(ModelDirectory, "m1.testmodel", "test-v1", Earlier.AddMinutes(1)); // the newest: serves from the start
        string v2 = TextModelLoader.Write(ModelDirectory, "m2.testmodel", "test-v2", Earlier);
        string bad = TextModelLoader.Write(ModelDirectory, "m3.testmodel", "corrupt", Earlier);
        var client = await StartAsync();
        Assert.Equal("test-v1", (await GetOkAsync(client, "/v1/models"))["model"]!.GetValue<string>());
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var models = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        async Task RankLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await PostAsync(client, "/v1/rerank", Rerank("u", "a", "b", "c"));
                string text = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {text}");
                    continue;
                }
                var answer = JsonNode.Parse(text)!;
                string model = answer["model"]!.GetValue<string>();
                models.AddOrUpdate(model, 1, (_, n) => n + 1);
                // Each answer is whole: the order belongs to the model named (reversed for the test models).
                string[] expected = model == HeuristicScorer.ModelName ? ["a", "b", "c"] : ["c", "b", "a"];
                if (!RankedIds(answer).SequenceEqual(expected)) failures.Add($"{model} answered {string.Join(",", RankedIds(answer))}");
            }
        }

        var loops = Enumerable.Range(0, 4).Select(_ => Task.Run(RankLoopAsync, Ct)).ToArray();
        string[] paths = [v1, bad, v2];
        int reloads = 0;
        var clock = Stopwatch.StartNew();
        while (reloads < 30 || clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            string path = paths[reloads++ % paths.Length];
            using var response = await PostAsync(client, "/v1/models/reload", new JsonObject { ["path"] = path });
            var expected = path == bad ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.OK;
            if (response.StatusCode != expected) failures.Add($"reload {Path.GetFileName(path)}: {(int)response.StatusCode}");
        }
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        Assert.Empty(failures);
        Assert.True(models.Keys.All(m => m is "test-v1" or "test-v2"), string.Join(", ", models.Keys));
        Assert.True(models.Values.Sum() > 0);
    }

    [Fact]
    public async Task Start_ModelDirectoryIsAFile_FailsNamingTheKey()
    {
        string file = Path.Combine(_store.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "x", Ct);
        await using var app = LiveRankApp.Build(["--urls", "http://127.0.0.1:0", $"--LiveRank:Store:Connection={_store.Connection}",
            "--LiveRank:Demo:Enabled=false", "--LiveRank:Semantic:Enabled=false", $"--LiveRank:Model:Directory={file}"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));

        Assert.Contains("LiveRank:Model:Directory: ", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Polls <c>GET /v1/models</c> until <paramref name="model"/> serves; fails after <see cref="WatchTimeout"/>.</summary>
    private static async Task<string> WaitForModelAsync(HttpClient client, string model)
    {
        var clock = Stopwatch.StartNew();
        string serving = "";
        while (clock.Elapsed < WatchTimeout)
        {
            serving = (await GetOkAsync(client, "/v1/models"))["model"]!.GetValue<string>();
            if (serving == model) return serving;
            await Task.Delay(50, Ct); // polling interval, bounded by WatchTimeout
        }
        Assert.Fail($"{model} did not serve within {WatchTimeout.TotalSeconds} s; {serving} serves.");
        return serving;
    }
}
