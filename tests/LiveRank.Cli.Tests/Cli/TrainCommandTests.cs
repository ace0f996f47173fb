using System.Text.Json;
using LiveRank.Cli.Commands;
using LiveRank.Scoring.Models;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

/// <summary><c>liverank train</c> on a small JSON-lines dataset (users walking a catalog in order), in-process.</summary>
[Collection("Console")]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"liverank-train-{Guid.NewGuid():N}");

    public TrainCommandTests()
    {
        string data = Path.Combine(_root, "data");
        Directory.CreateDirectory(data);
        File.WriteAllLines(Path.Combine(data, "items.jsonl"),
            Enumerable.Range(0, 30).Select(i => JsonSerializer.Serialize(new { id = $"f{i}", title = $"Film {i}", categories = new[] { i % 2 == 0 ? "even" : "odd" } })));
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        File.WriteAllLines(Path.Combine(data, "events.jsonl"),
            from u in Enumerable.Range(0, 50)
            from k in Enumerable.Range(0, 12)
            select JsonSerializer.Serialize(new { type = "click", userId = $"u{u}", itemId = $"f{(u + k) % 30}", timestamp = start.AddHours(u).AddMinutes(k).ToUnixTimeSeconds() }));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Dataset_WritesALoadableModelAndASummary()
    {
        string models = Path.Combine(_root, "models");
        var (code, output, error) = EvaluateCli.Run<TrainCommand>("--dataset", "jsonl:" + Path.Combine(_root, "data"), "--no-lm", "--out", models,
            "--store", "embedded://" + Path.Combine(_root, "store"));

        Assert.True(code == 0, error + output);
        string file = Assert.Single(Directory.GetFiles(models, "*" + RankingModel.FileExtension));
        var model = RankingModel.Load(file);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), model.Metadata.Label);
        Assert.Equal(30, model.ItemCount);
        Assert.NotNull(model.Combiner);
        Assert.Contains("validation NDCG@10", output);
        Assert.Contains(model.Metadata.Label, output);
    }

    [Fact]
    public void MissingDataset_OneLineError()
    {
        var (code, _, error) = EvaluateCli.Run<TrainCommand>("--dataset", "jsonl:" + Path.Combine(_root, "nowhere"), "--no-lm",
            "--store", "embedded://" + Path.Combine(_root, "store"));

        Assert.Equal(1, code);
        Assert.StartsWith("liverank: ", error.Trim(), StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void MalformedDatasetSpec_IsRejectedBeforeAnythingRuns()
    {
        var (code, output, error) = EvaluateCli.Run<TrainCommand>("--dataset", "movielens", "--no-lm");
        Assert.NotEqual(0, code);
        Assert.Contains("KIND:PATH", output + error);
    }
}
