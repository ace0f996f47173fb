using System.Globalization;
using LiveRank.Cli.Output;
using LiveRank.Evaluation;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Reports;
using LiveRank.Evaluation.Systems;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary><c>liverank evaluate --dataset KIND:PATH --protocol P1|P2|P3|P5 [--systems …] [--seeds N] --out DIR</c></summary>
public sealed class EvaluateCommand : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            string protocol = settings.Protocol!.ToUpperInvariant();
            // P3 replays through a running service rather than scoring a split: its own runner.
            if (protocol == "P3") return ReplayEvaluation.Run(settings, cancellationToken);
            // Checked here rather than in the settings so that the reason is the command's usual one line on stderr.
            if (EvaluationRequest.Unsupported(protocol) is { } unsupported) return ErrorLine.Write(unsupported);
            var dataset = InteractionDataset.Load(settings.Dataset!, cancellationToken);
            string cache = settings.Cache ?? settings.Out!;
            string[] systems = settings.SystemList;
            // LiveRank itself replays the dataset's raw events (values, sessions) through its real-time state, and
            // encodes item texts with the bundled encoder and the dataset kind's template; vectors are cached.
            using var liveRank = systems.Any(s => LiveRankSystems.IsKnown(s) || LearnedSystems.IsKnown(s))
                ? new LiveRankSetup(LiveRankData.FromReader(InteractionDataset.Reader(settings.Dataset!), cancellationToken),
                    () => BundledModel.CreateMiniLm(), LiveRankSetup.TemplateFor(settings.Dataset!), Path.Combine(Path.GetFullPath(cache), "vectors"))
                : null;
            var request = new EvaluationRequest
            {
                Protocol = protocol,
                Systems = systems,
                LiveRank = liveRank,
                Seeds = [.. Enumerable.Range(1, settings.Seeds)],
                MaskWindow = settings.MaskWindow,
                RankingFile = settings.Ranking,
                RankingName = settings.RankingName,
                CandidatesDirectory = protocol == "P2" ? settings.Out : null,
                // The bundled MiniLM encodes each item's title + genres once; the cache makes a rerun skip it.
                ItemVectors = protocol == "P5"
                    ? split => ItemVectorCache.LoadOrEncode(split, BundledModel.MiniLmL6V2, () => BundledModel.CreateMiniLm(), cache,
                        line => Console.WriteLine(line), cancellationToken)
                    : null,
                ItemVectorsDescription = $"Item vectors: {BundledModel.MiniLmL6V2} (bundled, ONNX Runtime) over \"title. Categories: genres.\", cached under {Path.GetFileName(Path.GetFullPath(cache))}/.",
            };
            var report = EvaluationProgressView.IsInteractive
                ? EvaluationProgressView.RunWithBar(progress => EvaluationRunner.Run(dataset, request, progress, cancellationToken))
                : EvaluationRunner.Run(dataset, request, PlainLines(new Eta()), cancellationToken);
            ReportWriter.Write(report, settings.Out!);
            PrintTable(report);
            Console.WriteLine($"report: {Path.Combine(Path.GetFullPath(settings.Out!), ReportWriter.MarkdownFile)} ({report.Elapsed.TotalSeconds:F1} s)");
            return 0;
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }

    // Logged runs: the runner's own lines, each with the time left estimated from the steps done so far.
    private static Action<EvaluationProgress> PlainLines(Eta eta) => p =>
    {
        if (p.Line is not null) Console.WriteLine(p.Line + eta.Suffix(p.Total > 0 ? (double)p.Done / p.Total : 0));
    };

    private static void PrintTable(EvaluationReport report)
    {
        string[] metrics = report.Protocol switch
        {
            "P1" => ["NDCG@10", "Recall@10", "MRR@10", "NDCG@10.maskAll", "Recall@10.maskAll"],
            "P5" => ["NDCG@10", "Recall@10", "Coverage@10", "ILD@10", "AlphaNDCG@10", "Novelty@10"],
            _ => ["NDCG@10", "HR@10", "NDCG@1", "c20.NDCG@10"],
        };
        var table = new Table().Border(TableBorder.Rounded).AddColumn("system");
        foreach (string metric in metrics) table.AddColumn(new TableColumn(metric).RightAligned());
        foreach (var system in report.Systems)
        {
            var cells = new List<string> { system.Name };
            foreach (string metric in metrics)
                cells.Add(system.Metric(metric) is { } m ? m.Mean.ToString("F4", CultureInfo.InvariantCulture) : "-");
            table.AddRow([.. cells.Select(Markup.Escape)]);
        }
        AnsiConsole.Write(table);
    }
}
