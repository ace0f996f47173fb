using System.Text.Json;
using LiveRank.Cli.Commands;
using Spectre.Console.Cli;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

/// <summary><c>liverank evaluate</c> run in-process with redirected output (so the plain-line progress is used).</summary>
[Collection("Console")]
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"liverank-evaluate-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    [Theory]
    [InlineData("P6")]
    [InlineData("P0")]
    public void UnknownProtocol_OneLineError(string protocol)
    {
        var (code, _, error) = EvaluateCli.Run("--dataset", "movielens:" + LatestSmall(), "--protocol", protocol, "--out", _out);

        Assert.Equal(1, code);
        Assert.Equal($"liverank: Unknown protocol '{protocol}' (supported: P1, P2, P3, P4, P5).", error.Trim());
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public void P1_Pop_WritesReportPlotsAndPlainProgressLines()
    {
        var (code, output, error) = EvaluateCli.Run("--dataset", "movielens:" + LatestSmall(), "--protocol", "P1", "--systems", "pop", "--seeds", "1", "--out", _out);

        Assert.True(code == 0, error);
        Assert.Contains("[1/1] pop: NDCG@10", output);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "report.json")));
        Assert.Equal(3650, json.RootElement.GetProperty("dataset").GetProperty("items").GetInt32());
        Assert.True(File.Exists(Path.Combine(_out, "report.md")));
        Assert.True(File.Exists(Path.Combine(_out, "metrics.png")));
    }

    private static string LatestSmall()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveRank.slnx"))) return Path.Combine(dir.FullName, "samples", "ml-latest-small");
        throw new InvalidOperationException("LiveRank.slnx not found.");
    }
}
