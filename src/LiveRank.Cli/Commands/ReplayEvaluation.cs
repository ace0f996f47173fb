using System.Globalization;
using LiveRank.Cli.Output;
using LiveRank.Evaluation;
using LiveRank.Evaluation.Replay;
using LiveRank.Evaluation.Reports;
using LiveRank.Evaluation.Systems;
using LiveRank.Scoring.Models;
using LiveRank.Training.Models;
using LiveRank.Semantics;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Spectre.Console;

namespace LiveRank.Cli.Commands;

/// <summary>
/// <c>liverank evaluate --protocol P3</c>: real-time replay. Over HTTP against <c>--server</c>, or against a server
/// started here on a free loopback port with a temporary store (the default), or through the library
/// (<c>--in-process</c>, deterministic). Writes report.json (contract shape) and report.md (with the delays).
/// </summary>
internal static class ReplayEvaluation
{
    public static int Run(EvaluateSettings settings, CancellationToken cancellationToken) =>
        RunAsync(settings, cancellationToken).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(EvaluateSettings settings, CancellationToken cancellationToken)
    {
        var options = new ReplayOptions
        {
            CutQuantile = settings.CutQuantile,
            ReplayEvents = settings.ReplayEvents,
            Seeds = [.. Enumerable.Range(1, settings.Seeds)],
        };
        var (name, data) = ReplayDataset.Load(settings.Dataset!, cancellationToken);
        var plan = ReplayPlan.Create(name, data, options);
        string template = ReplayDataset.ItemTemplateFor(settings.Dataset!);

        // --model: the model file goes into a folder of its own that the started server loads at start.
        string? modelDirectory = null;
        string? vectorCache = settings.Cache;
        var serverSettings = new List<string>();
        if (settings.Model is { } model)
        {
            modelDirectory = Path.Combine(Path.GetTempPath(), $"liverank-p3-model-{Guid.NewGuid():N}");
            Directory.CreateDirectory(modelDirectory);
            vectorCache ??= Path.Combine(modelDirectory, "vectors");
            RankingModel served;
            if (model == "train")
            {
                var trained = ReplayModel.Train(plan, LiveRankSetup.TemplateFor(settings.Dataset!), vectorCache, new ModelTrainingOptions(),
                    Console.WriteLine, cancellationToken);
                served = trained.Model;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"P3: trained {served.Metadata.Label} in {trained.Report.TotalSeconds:F0} s (validation NDCG@10 {trained.Report.ValidationNdcg10:F4})"));
            }
            else
            {
                served = RankingModel.Load(model);
            }
            served.Save(Path.Combine(modelDirectory, served.Metadata.Label + RankingModel.FileExtension));
            serverSettings.Add($"LiveRank:Model:Directory={modelDirectory}");
            serverSettings.Add("LiveRank:Model:WatchFiles=false");
            options = options with { Model = served.Metadata.Label };
        }

        EmbeddedServer? server = null;
        EmbeddingCache? cache = null;
        IRankingService service;
        if (settings.InProcess)
        {
            var encoder = BundledModel.CreateMiniLm();
            if (settings.Cache is not null) cache = EmbeddingCache.Open(settings.Cache, encoder.ModelId, encoder.Dimension);
            service = new InProcessRankingService(encoder, new TextOptions { ItemTemplate = template }.CreateItemTemplate().Render, cache);
        }
        else if (settings.Server is not null)
        {
            service = new HttpRankingService(new Uri(settings.Server));
        }
        else
        {
            Console.WriteLine($"P3: starting a LiveRank server on a free loopback port with a temporary store (item template '{template}')…");
            server = await EmbeddedServer.StartAsync(template, vectorCache, serverSettings, cancellationToken: cancellationToken);
            Console.WriteLine($"P3: server at {server.Address}");
            service = new HttpRankingService(server.Address);
        }

        try
        {
            var result = EvaluationProgressView.IsInteractive
                ? EvaluationProgressView.RunWithBar(progress => ReplayRunner.RunAsync(plan, service, options, progress, cancellationToken).GetAwaiter().GetResult())
                : await ReplayRunner.RunAsync(plan, service, options, p => { if (p.Line is not null) Console.WriteLine(p.Line); }, cancellationToken);
            ReplayReportWriter.Write(result, settings.Out!, CommandLine(settings));
            PrintTable(result);
            Console.WriteLine($"report: {Path.Combine(Path.GetFullPath(settings.Out!), ReportWriter.MarkdownFile)} ({result.Report.Elapsed.TotalSeconds:F1} s)");
            return 0;
        }
        finally
        {
            await service.DisposeAsync();
            if (server is not null) await server.DisposeAsync();
            cache?.Dispose();
            if (modelDirectory is not null) TryDelete(modelDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a finished evaluation for.
        }
    }

    private static void PrintTable(ReplayResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var system = result.Report.Systems[0];
        var table = new Table().Border(TableBorder.Rounded).AddColumn("metric")
            .AddColumn(new TableColumn("live").RightAligned()).AddColumn(new TableColumn("frozen").RightAligned())
            .AddColumn(new TableColumn("live − frozen [[95% CI]]").RightAligned());
        foreach (var test in result.Report.PairedTests)
            table.AddRow(test.Metric, system.Metric(test.Metric + ".live")!.Mean.ToString("F4", inv), system.Metric(test.Metric + ".frozen")!.Mean.ToString("F4", inv),
                Markup.Escape(string.Create(inv, $"{test.Result.MeanDifference:+0.0000;-0.0000} [{test.Result.Low:F4}, {test.Result.High:F4}]")));
        AnsiConsole.Write(table);
        var t = result.Timings;
        Console.WriteLine(string.Create(inv,
            $"event → acknowledged p50 {t.EventPostP50Ms:F2} ms, p99 {t.EventPostP99Ms:F2} ms; visible on the first read: {t.VisibleOnFirstRead:N0}/{t.EventsSent:N0}"));
    }

    private static string CommandLine(EvaluateSettings s)
    {
        var parts = new List<string> { "liverank evaluate", $"--dataset {s.Dataset}", "--protocol P3", $"--seeds {s.Seeds}" };
        if (s.CutQuantile != ReplayOptions.DefaultCutQuantile) parts.Add(string.Create(CultureInfo.InvariantCulture, $"--cut-quantile {s.CutQuantile}"));
        if (s.ReplayEvents != ReplayOptions.DefaultReplayEvents) parts.Add($"--replay-events {s.ReplayEvents}");
        if (s.InProcess) parts.Add("--in-process");
        if (s.Server is not null) parts.Add($"--server {s.Server}");
        if (s.Cache is not null) parts.Add($"--cache {s.Cache}");
        if (s.Model is not null) parts.Add($"--model {s.Model}");
        parts.Add($"--out {s.Out}");
        return string.Join(' ', parts);
    }
}
