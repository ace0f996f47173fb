using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LiveRank.Evaluation.Reports;

/// <summary>
/// Writes <c>DIR/report.json</c> in the contract's shape (protocol, dataset, seeds, systems with
/// <c>{ mean, ci95 }</c> per metric, extended with hyperparameters, tuning and paired tests) and a readable
/// <c>DIR/report.md</c>. The JSON holds no wall-clock figures, so a seed gives byte-identical files.
/// </summary>
public static class ReportWriter
{
    public const string JsonFile = "report.json";
    public const string MarkdownFile = "report.md";

    /// <summary>Writes report.json, the PNG plots and report.md (which links the plots).</summary>
    public static void Write(EvaluationReport report, string directory, bool plots = true)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, JsonFile), ToJson(report));
        var written = plots ? ReportPlots.Write(report, directory) : [];
        File.WriteAllText(Path.Combine(directory, MarkdownFile), ToMarkdown(report, written), new UTF8Encoding(false));
    }

    public static byte[] ToJson(EvaluationReport report)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("protocol", report.Protocol);
            json.WriteStartObject("dataset");
            json.WriteString("name", report.DatasetName);
            json.WriteNumber("users", report.Users);
            json.WriteNumber("items", report.Items);
            json.WriteNumber("interactions", report.Interactions);
            json.WriteEndObject();
            json.WriteStartArray("seeds");
            foreach (int seed in report.Seeds) json.WriteNumberValue(seed);
            json.WriteEndArray();
            if (report.MaskWindow is int mask) json.WriteNumber("maskWindow", mask);
            json.WriteNumber("bootstrapResamples", report.BootstrapResamples);
            json.WriteStartArray("systems");
            foreach (var system in report.Systems)
            {
                json.WriteStartObject();
                json.WriteString("name", system.Name);
                json.WriteStartObject("metrics");
                foreach (var metric in system.Metrics)
                {
                    json.WriteStartObject(metric.Name);
                    json.WriteNumber("mean", Round(metric.Mean));
                    json.WriteStartArray("ci95");
                    json.WriteNumberValue(Round(metric.Low));
                    json.WriteNumberValue(Round(metric.High));
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                json.WriteStartObject("hyperparameters");
                foreach (var (key, value) in system.Hyperparameters) json.WriteString(key, value);
                json.WriteEndObject();
                if (system.ValidationNdcg10 is double validation)
                {
                    json.WriteStartObject("tuning");
                    json.WriteNumber("gridSize", system.GridSize);
                    json.WriteNumber("validationNDCG@10", Round(validation));
                    json.WriteEndObject();
                }
                if (system.Sweep.Count > 0)
                {
                    json.WriteStartArray("diversitySweep");
                    foreach (var point in system.Sweep)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("lambda", point.Lambda);
                        json.WriteStartObject("metrics");
                        foreach (var (name, value) in point.Means) json.WriteNumber(name, Round(value));
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("pairedTests");
            foreach (var test in report.PairedTests)
            {
                json.WriteStartObject();
                json.WriteString("a", test.Best);
                json.WriteString("b", test.Other);
                json.WriteString("metric", test.Metric);
                json.WriteString("method", "paired bootstrap over users");
                json.WriteNumber("meanDifference", Round(test.Result.MeanDifference));
                json.WriteStartArray("ci95");
                json.WriteNumberValue(Round(test.Result.Low));
                json.WriteNumberValue(Round(test.Result.High));
                json.WriteEndArray();
                json.WriteNumber("pValue", Round(test.Result.PValue));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static string ToMarkdown(EvaluationReport report, IReadOnlyList<(string File, string Title)>? plots = null)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# {report.Protocol} on {report.DatasetName}");
        md.AppendLine();
        md.AppendLine(inv, $"{report.Users:N0} users, {report.Items:N0} items, {report.Interactions:N0} interactions (5-core, leave-one-out by (timestamp, item id)). " +
            $"Seeds {string.Join(", ", report.Seeds)}; 95% intervals from a seeded bootstrap over users ({report.BootstrapResamples:N0} resamples). " +
            $"Run time {report.Elapsed.TotalSeconds:F1} s.");
        md.AppendLine();
        if (report.Protocol == "P5")
        {
            string mask = report.MaskWindow is 0 ? "the whole history" : $"the user's {report.MaskWindow} most recent train + validation items";
            md.AppendLine(inv, $"P1's full ranking (all items, {mask} masked; systems tuned on validation as in P1); each test user's top-10 list is measured beyond accuracy:");
            md.AppendLine();
            md.AppendLine("- **Coverage@10**: share of the catalog in the union of all users' top-10 lists (interval: bootstrap over users of the first seed's lists).");
            md.AppendLine("- **ILD@10**: 1 − mean pairwise cosine of the list's item vectors (the language model's, over title + genres).");
            md.AppendLine("- **AlphaNDCG@10**: α-NDCG (Clarke et al. 2008, α = 0.5) with the held-out item's genres as subtopics; an item covers a genre it carries; ideal list built greedily over the catalog.");
            md.AppendLine("- **Novelty@10**: mean −log2 of the items' share of train + validation interactions.");
            md.AppendLine();
            Table(md, report, ["NDCG@10", "Recall@10", "Coverage@10", "ILD@10", "AlphaNDCG@10", "Novelty@10"]);
            if (report.Systems.Any(s => s.Sweep.Count > 0))
            {
                md.AppendLine("## Diversity sweep (MMR over each system's top 100)");
                md.AppendLine();
                md.AppendLine("Each system's top 100 re-ranked by maximal marginal relevance: repeatedly the item maximising (1 − λ)·relevance − λ·(max cosine to the items already chosen), relevance being the system's score min–max scaled within the 100. Means over users and seeds of the re-ranked top-10.");
                md.AppendLine();
                string[] columns = ["NDCG@10", "Recall@10", "ILD@10", "AlphaNDCG@10", "Novelty@10", "Coverage@10"];
                md.AppendLine("| system | λ | " + string.Join(" | ", columns) + " |");
                md.AppendLine("|---|---:|" + string.Concat(columns.Select(_ => "---:|")));
                foreach (var system in report.Systems)
                    foreach (var point in system.Sweep)
                        md.AppendLine(inv, $"| {system.Name} | {point.Lambda:0.0} | {string.Join(" | ", columns.Select(c => point.Means.TryGetValue(c, out double v) ? v.ToString("F4", inv) : "—"))} |");
                md.AppendLine();
            }
        }
        else if (report.Protocol == "P1")
        {
            string mask = report.MaskWindow is 0 ? "the whole history" : $"the user's {report.MaskWindow} most recent train + validation items";
            md.AppendLine(inv, $"Full ranking over all items with {mask} masked. Every baseline is tuned on the validation item (input = train), refitted on train + validation, and scored once on the test item. LiveRank's trained model (`liverank` and its ablations; docs/models.md) is trained on train + validation, early-stopped on each user's newest input item, and ranks the union of its retrievers (an item outside it is a miss); `retriever-*` rank that union by one retriever's score alone.");
            md.AppendLine();
            Table(md, report, ["NDCG@5", "Recall@5", "NDCG@10", "Recall@10", "MRR@10", "NDCG@20", "Recall@20"]);
            if (report.Systems.Any(s => s.Metric("NDCG@10.maskAll") is not null))
            {
                md.AppendLine("## Whole history masked (secondary; the published baseline figures use this masking)");
                md.AppendLine();
                Table(md, report, ["NDCG@10.maskAll", "Recall@10.maskAll", "NDCG@5.maskAll", "Recall@5.maskAll"]);
            }
        }
        else if (report.Protocol == "P4")
        {
            md.AppendLine("Cold items: per seed a random 10% of the items is held out of every system's input; each user whose test item is cold ranks it among 99 warm items they never interacted with, shuffled. Rows are (seed, user) pairs. `pop` scores a cold item 0; `random` is a uniform order; `genre` scores category overlap with the user's history; `liverank` is LiveRank's trained model (docs/models.md) and `liverank-no-lm` the same training without the language model, both trained per seed on the warm interactions only; `liverank-heuristic`, `liverank-heuristic-no-lm` and `liverank-lm` are the untrained heuristic scorer with fixed weights (docs/scoring.md), without the LM terms, and the LM terms alone.");
            md.AppendLine();
            Table(md, report, ["NDCG@10", "HR@10", "NDCG@1", "MRR@10"]);
        }
        else
        {
            md.AppendLine("Each test user's true item among 99 (plain names) or 19 (`c20.`) sampled never-seen items, shuffled; the 1 + 19 lists take the first 19 of the 99 draws. Baseline hyperparameters are tuned on P1 validation; `liverank` (and its ablations) is LiveRank's trained model, trained and early-stopped on train + validation with truncated splits (docs/models.md); `liverank-heuristic` is the untrained heuristic scorer (docs/scoring.md).");
            md.AppendLine();
            Table(md, report, ["NDCG@10", "HR@10", "NDCG@1", "MRR@10", "c20.NDCG@10", "c20.HR@10", "c20.NDCG@1"]);
        }

        md.AppendLine("## Hyperparameters (chosen on validation NDCG@10 only)");
        md.AppendLine();
        md.AppendLine("| system | chosen | grid size | validation NDCG@10 |");
        md.AppendLine("|---|---|---:|---:|");
        foreach (var system in report.Systems)
        {
            string chosen = system.Hyperparameters.Count == 0 ? "—" : string.Join(", ", system.Hyperparameters.Select(p => $"{p.Key}={p.Value}"));
            string validation = system.ValidationNdcg10 is double v ? v.ToString("F4", inv) : "—";
            md.AppendLine(inv, $"| {system.Name} | {chosen} | {system.GridSize} | {validation} |");
        }
        md.AppendLine();

        if (report.PairedTests.Count > 0)
        {
            md.AppendLine(inv, $"## Paired tests: best system ({report.PairedTests[0].Best}) against each other one");
            md.AppendLine();
            md.AppendLine("Paired bootstrap over users on per-user values (seed-averaged); two-sided p-value for no difference.");
            md.AppendLine();
            md.AppendLine("| a | b | metric | mean a − b | 95% CI | p |");
            md.AppendLine("|---|---|---|---:|---|---:|");
            foreach (var t in report.PairedTests)
                md.AppendLine(inv, $"| {t.Best} | {t.Other} | {t.Metric} | {t.Result.MeanDifference:F4} | [{t.Result.Low:F4}, {t.Result.High:F4}] | {t.Result.PValue:F4} |");
            md.AppendLine();
        }

        if (plots is { Count: > 0 })
        {
            md.AppendLine("## Plots");
            md.AppendLine();
            foreach (var (file, title) in plots)
            {
                md.AppendLine(inv, $"**{title}**");
                md.AppendLine();
                md.AppendLine(inv, $"![{title}]({file})");
                md.AppendLine();
            }
        }

        md.AppendLine("## Run time per system");
        md.AppendLine();
        md.AppendLine("Wall time of tuning plus test scoring (only here, not in report.json, so that a seed gives byte-identical JSON).");
        md.AppendLine();
        md.AppendLine("| system | seconds |");
        md.AppendLine("|---|---:|");
        foreach (var system in report.Systems) md.AppendLine(inv, $"| {system.Name} | {system.Seconds:F1} |");
        md.AppendLine();

        if (report.Notes.Count > 0)
        {
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string note in report.Notes) md.AppendLine(inv, $"- {note}");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, EvaluationReport report, string[] metrics)
    {
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine("| system | " + string.Join(" | ", metrics) + " |");
        md.AppendLine("|---|" + string.Concat(metrics.Select(_ => "---|")));
        foreach (var system in report.Systems)
        {
            var cells = metrics.Select(m => system.Metric(m) is { } s ? string.Create(inv, $"{s.Mean:F4} [{s.Low:F4}, {s.High:F4}]") : "—");
            md.AppendLine(inv, $"| {system.Name} | {string.Join(" | ", cells)} |");
            var published = metrics.Select(m => PublishedReferences.Find(report.Protocol, system.Name, m) ?? "");
            if (published.Any(p => p.Length > 0))
                md.AppendLine(inv, $"| *{system.Name} published* | {string.Join(" | ", published)} |");
        }
        foreach (string reference in PublishedReferences.ReferenceOnlySystems)
        {
            var published = metrics.Select(m => PublishedReferences.Find(report.Protocol, reference, m) ?? "");
            if (published.Any(p => p.Length > 0))
                md.AppendLine(inv, $"| *{reference} published* | {string.Join(" | ", published)} |");
        }
        md.AppendLine();
    }

    private static double Round(double value) => Math.Round(value, 6, MidpointRounding.ToEven);
}
