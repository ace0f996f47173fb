using System.Globalization;
using LiveRank.Cli.Output;
using LiveRank.Evaluation;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Reports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary><c>liverank evaluate --dataset KIND:PATH --protocol P1|P2 [--systems …] [--seeds N] --out DIR</c></summary>
public sealed class EvaluateCommand : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var dataset = InteractionDataset.Load(settings.Dataset!, cancellationToken);
            var request = new EvaluationRequest
            {
                Protocol = settings.Protocol!.ToUpperInvariant(),
                Systems = settings.SystemList,
                Seeds = [.. Enumerable.Range(1, settings.Seeds)],
                MaskWindow = settings.MaskWindow,
                RankingFile = settings.Ranking,
                RankingName = settings.RankingName,
                CandidatesDirectory = settings.Protocol!.Equals("P2", StringComparison.OrdinalIgnoreCase) ? settings.Out : null,
            };
            var report = EvaluationRunner.Run(dataset, request, line => Console.WriteLine(line), cancellationToken);
            ReportWriter.Write(report, settings.Out!);
            PrintTable(report);
            Console.WriteLine($"report: {Path.Combine(Path.GetFullPath(settings.Out!), ReportWriter.MarkdownFile)}");
            return 0;
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }

    private static void PrintTable(EvaluationReport report)
    {
        string[] metrics = report.Protocol == "P1"
            ? ["NDCG@10", "Recall@10", "MRR@10", "NDCG@10.maskAll", "Recall@10.maskAll"]
            : ["NDCG@10", "HR@10", "NDCG@1", "c20.NDCG@10"];
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
