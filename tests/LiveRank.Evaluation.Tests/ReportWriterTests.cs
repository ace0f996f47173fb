using System.Text.Json;
using LiveRank.Evaluation.Data;

namespace LiveRank.Evaluation.Tests;

public sealed class ReportWriterTests
{
    private static InteractionDataset Dataset()
    {
        var users = Enumerable.Range(0, 12).Select(u => Enumerable.Range(u, 8).Select(i => $"i{i % 15}").ToArray()).ToArray();
        return Synthetic.Sequences([.. users, .. Synthetic.Filler(110)]);
    }

    [Theory]
    [InlineData("P1")]
    [InlineData("P2")]
    public void Run_SameSeeds_GivesByteIdenticalContractJson(string protocol)
    {
        var request = new EvaluationRequest { Protocol = protocol, Seeds = [1, 2], BootstrapResamples = 200, KCore = 0 };

        byte[] first = Reports.ReportWriter.ToJson(EvaluationRunner.Run(Dataset(), request, cancellationToken: TestContext.Current.CancellationToken));
        byte[] second = Reports.ReportWriter.ToJson(EvaluationRunner.Run(Dataset(), request, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(first, second);
        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Equal(protocol, root.GetProperty("protocol").GetString());
        Assert.Equal("synthetic", root.GetProperty("dataset").GetProperty("name").GetString());
        Assert.True(root.GetProperty("dataset").GetProperty("users").GetInt32() > 0);
        Assert.Equal([1, 2], root.GetProperty("seeds").EnumerateArray().Select(e => e.GetInt32()));
        var systems = root.GetProperty("systems").EnumerateArray().ToList();
        Assert.Equal(Baselines.BaselineCatalog.Names, systems.Select(s => s.GetProperty("name").GetString()));
        var ndcg = systems[0].GetProperty("metrics").GetProperty("NDCG@10");
        double mean = ndcg.GetProperty("mean").GetDouble();
        var ci = ndcg.GetProperty("ci95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(2, ci.Length);
        Assert.InRange(mean, ci[0], ci[1]);
        string metricName = protocol == "P1" ? "Recall@20" : "c20.NDCG@10";
        Assert.True(systems[3].GetProperty("metrics").TryGetProperty(metricName, out _));
        Assert.Equal(systems.Count - 1, root.GetProperty("pairedTests").GetArrayLength());
    }

    [Fact]
    public void Write_CreatesJsonAndMarkdown()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"liverank-report-{Guid.NewGuid():N}");
        try
        {
            var report = EvaluationRunner.Run(Dataset(), new EvaluationRequest { Protocol = "P1", Systems = ["pop", "covis"], Seeds = [1], BootstrapResamples = 100, KCore = 0 },
                cancellationToken: TestContext.Current.CancellationToken);
            Reports.ReportWriter.Write(report, dir);

            string md = File.ReadAllText(Path.Combine(dir, "report.md"));
            Assert.Contains("| pop |", md);
            Assert.Contains("Hyperparameters", md);
            Assert.Contains("Paired tests", md);
            Assert.True(File.Exists(Path.Combine(dir, "report.json")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_UnsupportedProtocol_Throws() =>
        Assert.Throws<NotSupportedException>(() => EvaluationRunner.Run(Dataset(), new EvaluationRequest { Protocol = "P3", KCore = 0 },
            cancellationToken: TestContext.Current.CancellationToken));
}
