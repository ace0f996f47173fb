using System.Diagnostics;
using System.Globalization;
using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Metrics;
using LiveRank.Evaluation.Protocols;
using LiveRank.Evaluation.Reports;

namespace LiveRank.Evaluation;

/// <summary>
/// Runs one protocol end to end: split (with the ml-latest-small count check), per system tune on validation,
/// refit on train + validation, score the test targets, summarise with bootstrap intervals, and compare the
/// best system with each other one by a paired bootstrap on per-user NDCG@10.
/// </summary>
public static class EvaluationRunner
{
    public const string PairedMetric = "NDCG@10";

    /// <param name="progress">Receives one line as each system starts and ends.</param>
    public static EvaluationReport Run(InteractionDataset dataset, EvaluationRequest request, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string protocol = request.Protocol.ToUpperInvariant();
        if (!EvaluationRequest.SupportedProtocols.Contains(protocol))
            throw new NotSupportedException($"Protocol '{request.Protocol}' is not implemented yet (supported: {string.Join(", ", EvaluationRequest.SupportedProtocols)}).");
        if (request.Seeds.Count == 0) throw new ArgumentException("At least one seed is needed.");
        foreach (string name in request.Systems)
            if (!BaselineCatalog.IsKnown(name))
                throw new ArgumentException($"Unknown system '{name}' (known: {string.Join(", ", BaselineCatalog.Names)}).");
        if (request.RankingFile is not null && protocol != "P2")
            throw new ArgumentException("A ranking file can only be scored on P2's candidate lists.");

        var clock = Stopwatch.StartNew();
        var split = LeaveOneOutSplit.Create(dataset, request.KCore);
        MovieLensSmallCheck.Assert(split);
        var fullRanking = new FullRankingProtocol(split, request.MaskWindow);
        var sampled = protocol == "P2" ? new SampledRankingProtocol(split) : null;
        var notes = new List<string>();
        if (sampled is not null && request.CandidatesDirectory is not null)
        {
            Directory.CreateDirectory(request.CandidatesDirectory);
            foreach (int seed in request.Seeds)
            {
                var (longLists, shortLists) = sampled.Lists(seed);
                CandidateFile.Write(Path.Combine(request.CandidatesDirectory, $"candidates-1+99-seed{seed}.tsv"), split, longLists);
                CandidateFile.Write(Path.Combine(request.CandidatesDirectory, $"candidates-1+19-seed{seed}.tsv"), split, shortLists);
            }
        }

        var systems = new List<SystemReport>();
        int total = request.Systems.Count + (request.RankingFile is null ? 0 : 1);
        int index = 0;
        foreach (string name in request.Systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            var watch = Stopwatch.StartNew();
            progress?.Invoke($"[{index}/{total}] {name}: tuning on validation…");
            var tuned = BaselineTuner.Tune(name, fullRanking, request.Seeds[0]);
            var perUser = sampled is null
                ? fullRanking.Evaluate(tuned.Baseline, HoldoutTarget.Test, request.Seeds, wholeHistorySecondary: true)
                : sampled.Evaluate(new BaselineCandidateScorer(tuned.Baseline, split.ItemCount), request.Seeds);
            var report = new SystemReport
            {
                Name = name,
                Hyperparameters = tuned.Baseline.Hyperparameters,
                GridSize = tuned.GridSize,
                ValidationNdcg10 = tuned.ValidationNdcg10,
                Metrics = Summarise(perUser, request),
                PerUser = perUser,
                Seconds = watch.Elapsed.TotalSeconds,
            };
            systems.Add(report);
            progress?.Invoke(Describe(index, total, report));
        }

        if (request.RankingFile is not null && sampled is not null)
        {
            index++;
            var watch = Stopwatch.StartNew();
            progress?.Invoke($"[{index}/{total}] {request.RankingName}: scoring {request.RankingFile}…");
            var scorer = new RankingFileScorer(request.RankingName, split, CandidateFile.ReadRanking(request.RankingFile));
            var perUser = sampled.Evaluate(scorer, request.Seeds);
            if (scorer.MissingScores > 0)
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{request.RankingName}: {scorer.MissingScores:N0} candidate scores were missing from {Path.GetFileName(request.RankingFile)} and ranked last."));
            var report = new SystemReport
            {
                Name = request.RankingName,
                Metrics = Summarise(perUser, request),
                PerUser = perUser,
                Seconds = watch.Elapsed.TotalSeconds,
            };
            systems.Add(report);
            progress?.Invoke(Describe(index, total, report));
        }

        return new EvaluationReport
        {
            Protocol = protocol,
            DatasetName = split.DatasetName,
            Users = split.UserCount,
            Items = split.ItemCount,
            Interactions = split.InteractionCount,
            Seeds = request.Seeds,
            MaskWindow = protocol == "P1" ? request.MaskWindow : null,
            BootstrapResamples = request.BootstrapResamples,
            Systems = systems,
            PairedTests = PairedTests(systems, request),
            Notes = notes,
            Elapsed = clock.Elapsed,
        };
    }

    private static List<MetricSummary> Summarise(UserMetrics perUser, EvaluationRequest request)
    {
        var summaries = new List<MetricSummary>(perUser.Names.Count);
        foreach (string name in perUser.Names)
        {
            var values = perUser[name];
            var (low, high) = Bootstrap.ConfidenceInterval(values, request.Seeds[0], request.BootstrapResamples);
            summaries.Add(new MetricSummary(name, values.Length == 0 ? 0 : values.Average(), low, high));
        }
        return summaries;
    }

    private static List<PairedTestReport> PairedTests(List<SystemReport> systems, EvaluationRequest request)
    {
        if (systems.Count < 2) return [];
        var best = systems.MaxBy(s => s.Metric(PairedMetric)?.Mean ?? double.NegativeInfinity)!;
        return [.. systems.Where(s => s != best).Select(s => new PairedTestReport(best.Name, s.Name, PairedMetric,
            Bootstrap.Paired(best.PerUser[PairedMetric], s.PerUser[PairedMetric], request.Seeds[0], request.BootstrapResamples)))];
    }

    private static string Describe(int index, int total, SystemReport report)
    {
        var ndcg = report.Metric("NDCG@10");
        return string.Create(CultureInfo.InvariantCulture,
            $"[{index}/{total}] {report.Name}: NDCG@10 {ndcg?.Mean:F4} [{ndcg?.Low:F4}, {ndcg?.High:F4}] ({report.Seconds:F1} s)");
    }
}
