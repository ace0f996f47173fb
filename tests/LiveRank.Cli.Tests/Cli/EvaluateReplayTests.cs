using System.Globalization;
using System.Text.Json;
using LiveRank.Cli.Commands;
using Spectre.Console.Cli;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

/// <summary>
/// <c>liverank evaluate --protocol P3</c> end to end over HTTP: a LiveRank server started in this process on a free
/// loopback port with a temporary store, a tiny JSONL dataset in which B always follows A after the cut.
/// </summary>
[Collection("Console")]
public sealed class EvaluateReplayTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"liverank-p3-test-{Guid.NewGuid():N}");

    public EvaluateReplayTests() => Directory.CreateDirectory(_root);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void P3_OverHttpToAnEmbeddedServer_LiveBeatsFrozenAndEventsAreVisible()
    {
        string data = WriteFollowerDataset();
        string outDir = Path.Combine(_root, "out");

        var (code, output, error) = EvaluateCli.Run("--dataset", "jsonl:" + data, "--protocol", "P3", "--seeds", "1", "--cut-quantile", "0.953", "--out", outDir);

        Assert.True(code == 0, error + output);
        Assert.Contains("P3: server at http://127.0.0.1:", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "report.json")));
        Assert.Equal("P3", json.RootElement.GetProperty("protocol").GetString());
        var system = json.RootElement.GetProperty("systems")[0];
        Assert.Equal("liverank", system.GetProperty("name").GetString());
        Assert.Equal("http", system.GetProperty("hyperparameters").GetProperty("service").GetString());
        double live = system.GetProperty("metrics").GetProperty("NDCG@10.live").GetProperty("mean").GetDouble();
        double frozen = system.GetProperty("metrics").GetProperty("NDCG@10.frozen").GetProperty("mean").GetDouble();
        Assert.True(live > frozen + 0.1, $"live {live}, frozen {frozen}");
        string md = File.ReadAllText(Path.Combine(outDir, "report.md"));
        Assert.Contains("Visible on the first read right after the acknowledgement: 20 of 20 events.", md);
    }

    [Fact]
    public void P3_InProcessAndServer_ExcludeEachOther()
    {
        var (code, output, error) = EvaluateCli.Run("--dataset", "jsonl:" + _root, "--protocol", "P3", "--in-process", "--server", "http://127.0.0.1:1", "--out", _root);

        Assert.NotEqual(0, code);
        Assert.Contains("--in-process and --server exclude each other.", output + error);
    }

    [Theory]
    [InlineData("--server", "http://127.0.0.1:1", "--model needs the server this command starts")]
    [InlineData("--in-process", null, "--model needs the server this command starts")]
    public void P3_ModelWithAnotherService_IsRefused(string option, string? value, string message)
    {
        string[] args = ["--dataset", "jsonl:" + _root, "--protocol", "P3", "--model", "train", option, .. value is null ? Array.Empty<string>() : [value], "--out", _root];
        var (code, output, error) = EvaluateCli.Run(args);

        Assert.NotEqual(0, code);
        Assert.Contains(message, output + error);
    }

    [Fact]
    public void P3_ModelFileMissing_IsRefused()
    {
        var (code, output, error) = EvaluateCli.Run("--dataset", "jsonl:" + _root, "--protocol", "P3", "--model", Path.Combine(_root, "none.lrmodel"), "--out", _root);

        Assert.NotEqual(0, code);
        Assert.Contains("--model: no file", output + error);
    }

    /// <summary>
    /// 122 items in one genre. Before the cut (404 events): two users click A then B a minute later (A → B
    /// co-visitation), and 40 filler users click ten of X000..X119 each, so B is less popular and less recent than
    /// the negatives. After the cut (the last 20 events, quantile 0.953): ten new users click A then B.
    /// </summary>
    private string WriteFollowerDataset()
    {
        string folder = Path.Combine(_root, "follower");
        Directory.CreateDirectory(folder);
        var items = new List<string> { "A", "B" };
        for (int x = 0; x < 120; x++) items.Add($"X{x:000}");
        File.WriteAllLines(Path.Combine(folder, "items.jsonl"),
            items.Select(id => $$"""{"id":"{{id}}","title":"Film {{id}}","categories":["Drama"]}"""));

        var lines = new List<string>();
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        void Click(string user, string item, DateTimeOffset at)
        {
            long seconds = at.ToUnixTimeSeconds();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":"{{user}}-{{item}}-{{seconds}}","type":"click","userId":"{{user}}","itemId":"{{item}}","timestamp":{{seconds}}}"""));
        }
        for (int u = 0; u < 2; u++)
        {
            Click($"c{u}", "A", time);
            Click($"c{u}", "B", time.AddMinutes(1));
            time = time.AddHours(2);
        }
        for (int f = 0; f < 40; f++)
        {
            for (int k = 0; k < 10; k++) Click($"f{f}", $"X{(f * 10 + k) % 120:000}", time.AddMinutes(k));
            time = time.AddHours(2);
        }
        for (int v = 1; v <= 10; v++)
        {
            Click($"v{v:00}", "A", time);
            Click($"v{v:00}", "B", time.AddMinutes(1));
            time = time.AddHours(2);
        }
        File.WriteAllLines(Path.Combine(folder, "events.jsonl"), lines);
        return folder;
    }
}
