using System.Globalization;
using ScottPlot;

namespace LiveRank.Evaluation.Reports;

/// <summary>
/// The PNG plots beside report.md (ScottPlot on SkiaSharp, headless): metrics with 95% intervals per system,
/// NDCG@10 by user-history length and by test-item popularity, and for P5 accuracy against diversity along the
/// MMR sweep. Plots are for people; report.json stays the record.
/// </summary>
public static class ReportPlots
{
    public const string MetricsFile = "metrics.png";
    public const string HistoryFile = "ndcg-by-history-length.png";
    public const string PopularityFile = "ndcg-by-item-popularity.png";
    public const string DiversityFile = "accuracy-vs-diversity.png";

    /// <summary>History-length buckets (train + validation items): lower bounds.</summary>
    public static readonly int[] HistoryBuckets = [0, 20, 50, 100, 200, 500];

    /// <summary>Test-item popularity buckets (train + validation interactions): lower bounds.</summary>
    public static readonly int[] PopularityBuckets = [0, 10, 30, 60, 120];

    private const int Width = 900;
    private const int Height = 520;

    /// <returns>The file names written, in the order report.md shows them.</returns>
    public static IReadOnlyList<(string File, string Title)> Write(EvaluationReport report, string directory)
    {
        var written = new List<(string, string)>();
        if (report.Systems.Count == 0) return written;
        string second = report.Protocol == "P2" ? "HR@10" : "Recall@10";
        string suffix = report.Protocol == "P2" ? " (1 + 99 lists)" : "";
        Save(MetricsPlot(report, ["NDCG@10", second]), directory, MetricsFile, $"NDCG@10 and {second} with 95% intervals{suffix}", written);
        if (report.HistoryLengths.Count > 0)
        {
            Save(BucketPlot(report, report.HistoryLengths, HistoryBuckets, "user history length (train + validation items)"),
                directory, HistoryFile, "NDCG@10 by user history length", written);
            Save(BucketPlot(report, report.TargetPopularity, PopularityBuckets, "test item popularity (train + validation interactions)"),
                directory, PopularityFile, "NDCG@10 by test-item popularity", written);
        }
        if (report.Systems.Any(s => s.Sweep.Count > 0))
            Save(DiversityPlot(report), directory, DiversityFile, "Accuracy against diversity as the MMR weight λ moves", written);
        return written;
    }

    private static Plot MetricsPlot(EvaluationReport report, string[] metrics)
    {
        var plot = NewPlot($"{report.Protocol} on {report.DatasetName}: mean with 95% bootstrap interval");
        var palette = new ScottPlot.Palettes.Category10();
        int groups = report.Systems.Count;
        double width = 0.8 / metrics.Length;
        for (int m = 0; m < metrics.Length; m++)
        {
            var bars = new List<Bar>();
            List<double> xs = [], ys = [], above = [], below = [], none = [];
            for (int s = 0; s < groups; s++)
            {
                if (report.Systems[s].Metric(metrics[m]) is not { } summary) continue;
                double position = s + (m - (metrics.Length - 1) / 2.0) * width;
                bars.Add(new Bar { Position = position, Value = summary.Mean, Size = width * 0.9, FillColor = palette.GetColor(m) });
                xs.Add(position);
                ys.Add(summary.Mean);
                above.Add(summary.High - summary.Mean);
                below.Add(summary.Mean - summary.Low);
                none.Add(0);
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = metrics[m];
            // Bootstrap intervals are not symmetric: separate error bars carry both sides.
            var interval = new ScottPlot.Plottables.ErrorBar(xs, ys, none, none, above, below) { LineColor = Colors.Black, CapSize = 5 };
            plot.Add.Plottable(interval);
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups).Select(i => (double)i)], [.. report.Systems.Select(s => s.Name)]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot BucketPlot(EvaluationReport report, IReadOnlyList<int> values, int[] bounds, string axis)
    {
        var plot = NewPlot($"{report.Protocol} on {report.DatasetName}: NDCG@10 by {axis}");
        var palette = new ScottPlot.Palettes.Category10();
        int buckets = bounds.Length;
        var members = new List<int>[buckets];
        for (int b = 0; b < buckets; b++) members[b] = [];
        for (int row = 0; row < values.Count; row++)
        {
            int b = buckets - 1;
            while (b > 0 && values[row] < bounds[b]) b--;
            members[b].Add(row);
        }
        int systems = report.Systems.Count;
        double width = 0.8 / systems;
        for (int s = 0; s < systems; s++)
        {
            var ndcg = report.Systems[s].PerUser.TryGet("NDCG@10", out var column) ? column : null;
            if (ndcg is null) continue;
            var bars = new List<Bar>();
            for (int b = 0; b < buckets; b++)
            {
                if (members[b].Count == 0) continue;
                bars.Add(new Bar
                {
                    Position = b + (s - (systems - 1) / 2.0) * width,
                    Value = members[b].Average(row => ndcg[row]),
                    Size = width * 0.9,
                    FillColor = palette.GetColor(s),
                });
            }
            plot.Add.Bars(bars).LegendText = report.Systems[s].Name;
        }
        var labels = new string[buckets];
        for (int b = 0; b < buckets; b++)
        {
            string range = b == buckets - 1 ? $"≥ {bounds[b]}" : $"{bounds[b]}–{bounds[b + 1] - 1}";
            labels[b] = string.Create(CultureInfo.InvariantCulture, $"{range}\n{members[b].Count} users");
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, buckets).Select(i => (double)i)], labels);
        plot.Axes.Bottom.Label.Text = axis;
        plot.Axes.Left.Label.Text = "mean NDCG@10";
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot DiversityPlot(EvaluationReport report)
    {
        var plot = NewPlot($"{report.Protocol} on {report.DatasetName}: MMR re-ranking of each system's top 100, λ = 0 … 0.9");
        var palette = new ScottPlot.Palettes.Category10();
        for (int s = 0; s < report.Systems.Count; s++)
        {
            var sweep = report.Systems[s].Sweep;
            if (sweep.Count == 0) continue;
            double[] xs = [.. sweep.Select(p => p.Means["ILD@10"])];
            double[] ys = [.. sweep.Select(p => p.Means["NDCG@10"])];
            var line = plot.Add.Scatter(xs, ys, palette.GetColor(s));
            line.LegendText = report.Systems[s].Name;
            line.MarkerSize = 7;
            for (int p = 0; p < sweep.Count; p++)
            {
                var label = plot.Add.Text(sweep[p].Lambda.ToString("0.#", CultureInfo.InvariantCulture), xs[p], ys[p]);
                label.LabelFontSize = 10;
                label.LabelFontColor = palette.GetColor(s);
                label.LabelAlignment = Alignment.LowerLeft;
                label.OffsetX = 5;
            }
        }
        plot.Axes.Bottom.Label.Text = "ILD@10 (1 − mean pairwise cosine of MiniLM item vectors)";
        plot.Axes.Left.Label.Text = "NDCG@10";
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot NewPlot(string title)
    {
        var plot = new Plot();
        plot.Title(title, size: 14);
        return plot;
    }

    private static void Save(Plot plot, string directory, string file, string title, List<(string, string)> written)
    {
        plot.SavePng(Path.Combine(directory, file), Width, Height);
        written.Add((file, title));
    }
}
