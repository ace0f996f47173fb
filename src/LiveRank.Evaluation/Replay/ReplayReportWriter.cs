using System.Globalization;
using System.Text;
using LiveRank.Evaluation.Reports;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// Writes a P3 run: <c>report.json</c> through <see cref="ReportWriter.ToJson"/> (the contract's shape; no wall-clock
/// figures, so the same seeds and service give the same bytes) and a P3-specific <c>report.md</c> with the delays.
/// </summary>
public static class ReplayReportWriter
{
    public static void Write(ReplayResult result, string directory, string? command = null)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, ReportWriter.JsonFile), ReportWriter.ToJson(result.Report));
        File.WriteAllText(Path.Combine(directory, ReportWriter.MarkdownFile), ToMarkdown(result, command), new UTF8Encoding(false));
    }

    public static string ToMarkdown(ReplayResult result, string? command = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var report = result.Report;
        var plan = result.Plan;
        var t = result.Timings;
        var system = report.Systems[0];
        string Hyper(string key) => system.Hyperparameters.FirstOrDefault(p => p.Key == key).Value ?? "—";
        var md = new StringBuilder();
        md.AppendLine(inv, $"# P3 (real-time replay) on {report.DatasetName}");
        md.AppendLine();
        md.AppendLine(inv, $"{report.Users:N0} users, {report.Items:N0} catalog items, {report.Interactions:N0} interactions. " +
            $"Cut at {Hyper("cut")} (quantile {Hyper("cutQuantile")} of event time): {plan.Training.Count:N0} events before it were loaded; " +
            $"of the {plan.PostCutEvents:N0} after it the first {plan.Replay.Count:N0} were replayed in time order, " +
            $"{plan.Targets.Count:N0} of them interactions with an item new to the user ({Hyper("targetUsers")} users) — the targets. " +
            $"Service: {result.ServiceKind}, scorer {Hyper("model")}. Seeds {string.Join(", ", report.Seeds)}; run time {report.Elapsed.TotalSeconds:F1} s.");
        md.AppendLine();
        int negatives = plan.Targets.Count == 0 ? 0 : plan.Targets[0].Lists[0].Length - 1;
        md.AppendLine(inv, $"Each target is ranked within 1 + {negatives} candidates: its item and items drawn (per seed, per event) from the " +
            $"{plan.NegativePool:N0} catalog items with an interaction, none of which the user had interacted with before the event; shuffled, equal upstream scores. " +
            $"**Frozen**: every list is ranked and no event is sent (the state of the cut). **Live**: the same lists in the same order, each replayed event sent " +
            $"right after the rankings before it. Means are per target event (seed-averaged); 95% intervals from a bootstrap that resamples users " +
            $"(a user's events stay together; {report.BootstrapResamples:N0} resamples).");
        md.AppendLine();
        md.AppendLine("| metric | live | frozen | live − frozen | 95% CI | p |");
        md.AppendLine("|---|---|---|---:|---|---:|");
        foreach (var test in report.PairedTests)
        {
            var live = system.Metric(test.Metric + ".live")!;
            var frozen = system.Metric(test.Metric + ".frozen")!;
            md.AppendLine(inv, $"| {test.Metric} | {live.Mean:F4} [{live.Low:F4}, {live.High:F4}] | {frozen.Mean:F4} [{frozen.Low:F4}, {frozen.High:F4}] | " +
                $"{test.Result.MeanDifference:+0.0000;-0.0000} | [{test.Result.Low:F4}, {test.Result.High:F4}] | {test.Result.PValue:F4} |");
        }
        md.AppendLine();
        md.AppendLine("## Event-to-visible delay (wall clock; not in report.json)");
        md.AppendLine();
        md.AppendLine("Measured by the client in the live pass, one event per call. An acknowledged event is durable and applied to the real-time state before the answer, so it is visible once the call returns; the delay is the call's latency.");
        md.AppendLine();
        md.AppendLine("| figure | p50 | p99 |");
        md.AppendLine("|---|---:|---:|");
        md.AppendLine(inv, $"| send one event → acknowledged (ms) | {t.EventPostP50Ms:F2} | {t.EventPostP99Ms:F2} (max {t.EventPostMaxMs:F1}) |");
        md.AppendLine(inv, $"| send one event → first read of the user shows it (ms) | {t.VisibleP50Ms:F2} | {t.VisibleP99Ms:F2} |");
        md.AppendLine(inv, $"| rerank of 100 candidates (ms) | {t.RerankP50Ms:F2} | {t.RerankP99Ms:F2} |");
        md.AppendLine();
        md.AppendLine(inv, $"Visible on the first read right after the acknowledgement: {t.VisibleOnFirstRead:N0} of {t.EventsSent:N0} events.");
        md.AppendLine();
        md.AppendLine("## Run time");
        md.AppendLine();
        md.AppendLine(inv, $"Load {t.Load.TotalSeconds:F1} s, waiting for item vectors {t.ReadyWait.TotalSeconds:F1} s{(t.Ready ? "" : " (timed out: some items ranked without vectors)")}, " +
            $"frozen pass {t.FrozenPass.TotalSeconds:F1} s, live pass {t.LivePass.TotalSeconds:F1} s ({t.Reranks:N0} reranks in all).");
        md.AppendLine();
        md.AppendLine("## Notes");
        md.AppendLine();
        if (result.ServiceKind == "http")
            md.AppendLine("- Over HTTP the server refreshes behaviour narratives in the background (debounced), so a ranking may see a narrative one refresh behind; reruns can differ in the last digits. The in-process service is deterministic.");
        else
            md.AppendLine("- In-process: the library's state, reranker and default heuristic scorer; narratives are not refreshed (narrative_similarity reads 0).");
        md.AppendLine(inv, $"- Replayed interactions that are no target (the item repeats one the user already had, or is outside the catalog): {plan.SkippedTargets:N0}. Impressions and skips are sent but never targets.");
        if (command is not null) md.AppendLine(inv, $"- Command: `{command}`");
        md.AppendLine();
        return md.ToString();
    }
}
