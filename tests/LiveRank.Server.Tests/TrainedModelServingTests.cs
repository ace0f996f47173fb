using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Domain;
using LiveRank.Scoring.Models;
using LiveRank.Server.Tests.Infrastructure;
using LiveRank.Training.Models;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>
/// A model trained by <see cref="ModelTrainer"/> (no language model: the server runs without one here), written where
/// the server looks, served through the production loader: responses carry its label, it ranks from the live event
/// ring, and a damaged file dropped over it is refused while it keeps serving.
/// </summary>
public sealed class TrainedModelServingTests : IAsyncDisposable
{
    private const int Films = 24;
    private readonly TempStoreDirectory _store = new();
    private LiveRankFactory? _factory;

    private string ModelDirectory => Path.Combine(_store.Path, "models");

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        _store.Dispose();
    }

    /// <summary>Users watch films in order (f0, f1, f2, …); the film after the last one watched is the one to rank first.</summary>
    private static List<UserEvent> Walks()
    {
        var events = new List<UserEvent>();
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int u = 0; u < 60; u++)
            for (int k = 0; k < 12; k++)
                events.Add(new UserEvent
                {
                    Id = $"e{u}-{k}", Type = "click", UserId = $"u{u}", ItemId = $"f{(u + k) % Films}", Timestamp = start.AddHours(u).AddMinutes(k),
                });
        return events;
    }

    private static RankingModel Train(List<UserEvent> events)
    {
        var items = Enumerable.Range(0, Films).Select(i => new Item { Id = $"f{i}", Title = $"Film {i}" }).ToList();
        var log = EventTrainingLog.Build("walks", items, events, EventTypeRegistry.Default);
        var options = new ModelTrainingOptions
        {
            UseLanguageModel = false,
            Splits = 3,
            RetrievedNegatives = 10,
            RandomNegatives = 3,
            Combiner = new LiveRank.Training.Trees.LambdaMartOptions { Trees = 30, Leaves = 7, MinimumExampleCountPerLeaf = 5, LearningRate = 0.1 },
        };
        return ModelTrainer.Train(log, options, cancellationToken: Ct).Model;
    }

    private async Task<HttpClient> StartAsync(List<UserEvent> events)
    {
        _factory = new LiveRankFactory(_store, new Dictionary<string, string?>
        {
            ["LiveRank:Semantic:Enabled"] = "false",
            ["LiveRank:Model:WatchFiles"] = "false",
        });
        var client = _factory.CreateClient();
        await PostOkAsync(client, "/v1/items", Items([.. Enumerable.Range(0, Films).Select(i => Item($"f{i}", $"Film {i}"))]));
        foreach (var chunk in events.Chunk(200))
        {
            var batch = new JsonArray([.. chunk.Select(e => (JsonNode)new JsonObject
            {
                ["id"] = e.Id, ["type"] = e.Type, ["userId"] = e.UserId, ["itemId"] = e.ItemId, ["timestamp"] = e.Timestamp.ToString("O"),
            })]);
            await PostOkAsync(client, "/v1/events", new JsonObject { ["events"] = batch });
        }
        return client;
    }

    [Fact]
    public async Task Reload_TrainedModel_ServesItAndRanksFromLiveEvents()
    {
        var events = Walks();
        var model = Train(events);
        var client = await StartAsync(events);
        model.Save(Path.Combine(ModelDirectory, model.Metadata.Label + RankingModel.FileExtension));

        var reload = await PostOkAsync(client, "/v1/models/reload", new JsonObject());
        Assert.Equal(model.Metadata.Label, reload["model"]!.GetValue<string>());

        // u0 watched f0…f11: f12 comes next.
        var rerank = await PostOkAsync(client, "/v1/rerank", Rerank("u0", "f20", "f3", "f12", "f17"));
        Assert.Equal(model.Metadata.Label, rerank["model"]!.GetValue<string>());
        Assert.Equal("f12", RankedIds(rerank)[0]);

        // A click on f12 moves the next film along at once.
        await PostOkAsync(client, "/v1/events", Events(Event("click", "u0", "f12")));
        var after = await PostOkAsync(client, "/v1/rerank", Rerank("u0", "f20", "f3", "f13", "f17"));
        Assert.Equal("f13", RankedIds(after)[0]);

        var recommend = await PostOkAsync(client, "/v1/recommend", new JsonObject { ["userId"] = "u0", ["limit"] = 3 });
        Assert.Equal(model.Metadata.Label, recommend["model"]!.GetValue<string>());
        Assert.DoesNotContain("f5", RankedIds(recommend)); // seen
    }

    [Fact]
    public async Task Reload_DamagedModelFile_Returns422AndTheTrainedModelKeepsServing()
    {
        var events = Walks();
        var model = Train(events);
        var client = await StartAsync(events);
        string path = Path.Combine(ModelDirectory, model.Metadata.Label + RankingModel.FileExtension);
        model.Save(path);
        await PostOkAsync(client, "/v1/models/reload", new JsonObject());

        string damaged = Path.Combine(ModelDirectory, "damaged" + RankingModel.FileExtension);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        await File.WriteAllBytesAsync(damaged, bytes[..(bytes.Length / 2)], Ct);
        using var response = await PostAsync(client, "/v1/models/reload", new JsonObject { ["path"] = damaged });
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("truncated", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        var rerank = await PostOkAsync(client, "/v1/rerank", Rerank("u0", "f20", "f12"));
        Assert.Equal(model.Metadata.Label, rerank["model"]!.GetValue<string>());
    }
}
