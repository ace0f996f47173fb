using System.Text.Json;
using LiveRank.Domain;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Protocols;

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
            foreach (string png in new[] { Reports.ReportPlots.MetricsFile, Reports.ReportPlots.HistoryFile, Reports.ReportPlots.PopularityFile })
            {
                Assert.Contains($"]({png})", md);
                var bytes = File.ReadAllBytes(Path.Combine(dir, png));
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("P3")]
    [InlineData("P7")]
    public void Run_ProtocolItDoesNotRun_SaysWhy(string protocol)
    {
        var ex = Assert.Throws<NotSupportedException>(() => EvaluationRunner.Run(Dataset(), new EvaluationRequest { Protocol = protocol, KCore = 0 },
            cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(protocol == "P3" ? "Replay.ReplayRunner" : "Unknown protocol 'P7' (supported: P1, P2, P3, P4, P5).", ex.Message);
    }

    /// <summary>The synthetic dataset with a catalog: genre g{i mod 3} per item, and seeded 4-d vectors.</summary>
    private static InteractionDataset DatasetWithCatalog()
    {
        var plain = Dataset();
        var catalog = plain.ItemIds.Select((id, i) => new Item { Id = id, Title = "Item " + id, Categories = i % 4 == 3 ? [] : [$"g{i % 3}"] })
            .ToDictionary(item => item.Id);
        var records = plain.Interactions.Select(x => (plain.UserIds[x.User], plain.ItemIds[x.Item], x.Timestamp));
        return InteractionDataset.FromRecords("synthetic", records, catalog);
    }

    private static IItemVectors Vectors(LeaveOneOutSplit split)
    {
        var random = new Random(11);
        return new ItemVectors([.. Enumerable.Range(0, split.ItemCount * 4).Select(_ => (float)random.NextDouble() - 0.5f)], 4);
    }

    [Fact]
    public void Run_P5_SameSeeds_ByteIdenticalWithBeyondAccuracyMetricsAndSweep()
    {
        var request = new EvaluationRequest { Protocol = "P5", Seeds = [1, 2], BootstrapResamples = 100, KCore = 0, ItemVectors = Vectors };

        var report = EvaluationRunner.Run(DatasetWithCatalog(), request, cancellationToken: TestContext.Current.CancellationToken);
        byte[] first = Reports.ReportWriter.ToJson(report);
        byte[] second = Reports.ReportWriter.ToJson(EvaluationRunner.Run(DatasetWithCatalog(), request, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(first, second);
        using var json = JsonDocument.Parse(first);
        Assert.Equal("P5", json.RootElement.GetProperty("protocol").GetString());
        foreach (var system in json.RootElement.GetProperty("systems").EnumerateArray())
        {
            var metrics = system.GetProperty("metrics");
            foreach (string name in new[] { "NDCG@10", "Recall@10", "Coverage@10", "ILD@10", "AlphaNDCG@10", "Novelty@10" })
            {
                var metric = metrics.GetProperty(name);
                var ci = metric.GetProperty("ci95").EnumerateArray().Select(e => e.GetDouble()).ToArray();
                Assert.InRange(metric.GetProperty("mean").GetDouble(), ci[0] - 1e-9, ci[1] + 1e-9);
            }
            var sweep = system.GetProperty("diversitySweep").EnumerateArray().ToList();
            Assert.Equal(BeyondAccuracyProtocol.DiversityWeights, sweep.Select(p => p.GetProperty("lambda").GetDouble()));
            // λ = 0 keeps each system's own top-10, so the sweep's first point repeats the list's diversity.
            Assert.Equal(metrics.GetProperty("ILD@10").GetProperty("mean").GetDouble(),
                sweep[0].GetProperty("metrics").GetProperty("ILD@10").GetDouble(), 5);
        }

        string dir = Path.Combine(Path.GetTempPath(), $"liverank-p5-{Guid.NewGuid():N}");
        try
        {
            Reports.ReportWriter.Write(report, dir);
            Assert.True(File.Exists(Path.Combine(dir, Reports.ReportPlots.DiversityFile)));
            Assert.Contains("Diversity sweep", File.ReadAllText(Path.Combine(dir, "report.md")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
