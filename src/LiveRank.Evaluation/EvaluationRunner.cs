using System.Diagnostics;
using System.Globalization;
using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Metrics;
using LiveRank.Evaluation.Protocols;
using LiveRank.Evaluation.Reports;
using LiveRank.Evaluation.Systems;

namespace LiveRank.Evaluation;

/// <summary>
/// Runs one protocol end to end: split (with the ml-latest-small count check), per system tune on validation,
/// refit on train + validation, score the test targets (P1 full ranking, P2 sampled lists, P5 full ranking plus
/// beyond-accuracy metrics and the diversity sweep), summarise with bootstrap intervals, and compare the best
/// system with each other one by a paired bootstrap on per-user NDCG@10.
/// </summary>
public static class EvaluationRunner
{
    public const string PairedMetric = "NDCG@10";

    /// <param name="progress">Receives a step after each tuning configuration and each test scoring, with a printable line as systems start and end.</param>
    public static EvaluationReport Run(InteractionDataset dataset, EvaluationRequest request, Action<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        string protocol = request.Protocol.ToUpperInvariant();
        if (EvaluationRequest.Unsupported(protocol) is { } unsupported) throw new NotSupportedException(unsupported);
        if (request.Seeds.Count == 0) throw new ArgumentException("At least one seed is needed.");
        foreach (string name in request.Systems)
        {
            if (protocol == "P4")
            {
                if (!EvaluationRequest.ColdItemSystems.Contains(name))
                    throw new ArgumentException($"System '{name}' does not run on P4 (known there: {string.Join(", ", EvaluationRequest.ColdItemSystems)}); " +
                        "the other baselines score every cold item 0, like pop.");
            }
            else if (LearnedSystems.IsKnown(name))
            {
                // Trained models rank every protocol: full ranking through their retrievers.
            }
            else if (LiveRankSystems.IsKnown(name))
            {
                if (protocol != "P2")
                    throw new NotSupportedException($"'{name}' re-ranks candidate lists (P2, P4); full ranking ({protocol}) needs a retrieval stage LiveRank does not have yet.");
            }
            else if (!BaselineCatalog.IsKnown(name))
                throw new ArgumentException($"Unknown system '{name}' (known: {string.Join(", ", BaselineCatalog.Names.Concat(LearnedSystems.Names).Concat(LiveRankSystems.Names))}).");
            if ((LiveRankSystems.IsKnown(name) || LearnedSystems.IsKnown(name)) && request.LiveRank is null)
                throw new ArgumentException($"'{name}' needs the dataset's raw items and events (EvaluationRequest.LiveRank).");
        }
        if (request.RankingFile is not null && protocol != "P2")
            throw new ArgumentException("A ranking file can only be scored on P2's candidate lists.");

        var clock = Stopwatch.StartNew();
        var split = LeaveOneOutSplit.Create(dataset, request.KCore);
        MovieLensSmallCheck.Assert(split);
        if (protocol == "P4") return RunColdItems(split, request, progress, clock, cancellationToken);
        var fullRanking = new FullRankingProtocol(split, request.MaskWindow);
        var sampled = protocol == "P2" ? new SampledRankingProtocol(split) : null;
        var notes = new List<string>();
        int total = request.Systems.Sum(s => BaselineCatalog.IsKnown(s) ? BaselineCatalog.Grid(s).Count + 1 : 1) + (request.RankingFile is null ? 0 : 1);
        int done = 0;
        void Report(string stage, string? line = null) => progress?.Invoke(new EvaluationProgress(done, total, stage, line));

        BeyondAccuracyProtocol? beyond = null;
        if (protocol == "P5")
        {
            Report("item vectors", "item vectors: loading…");
            var vectors = request.ItemVectors?.Invoke(split);
            beyond = new BeyondAccuracyProtocol(fullRanking, vectors);
            if (vectors is null) notes.Add("No item vectors were given: ILD@10 and the diversity sweep are left out.");
            else if (request.ItemVectorsDescription is { } described) notes.Add(described);
            if (beyond.Genres is null) notes.Add("The dataset has no item genres: AlphaNDCG@10 is left out.");
        }
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

        // Scores a fitted system on the test targets: P5 (full ranking plus beyond-accuracy and the diversity sweep),
        // P2 (the sampled lists, through the candidate scorer) or P1 (full ranking).
        (UserMetrics PerUser, List<MetricSummary> Metrics, IReadOnlyList<DiversitySweepPoint> Sweep) ScoreTest(
            IRecommenderBaseline fitted, ICandidateScorer candidates)
        {
            if (beyond is not null)
            {
                var result = beyond.Evaluate(fitted, request.Seeds);
                var (low, high) = Bootstrap.CoverageInterval(result.FirstSeedLists, split.ItemCount, request.Seeds[0], request.BootstrapResamples);
                var withCoverage = Summarise(result.PerUser, request);
                withCoverage.Add(new MetricSummary(BeyondAccuracyProtocol.Coverage, result.Coverage, low, high));
                return (result.PerUser, withCoverage, result.Sweep);
            }
            var perUser = sampled is not null
                ? sampled.Evaluate(candidates, request.Seeds)
                : fullRanking.Evaluate(fitted, HoldoutTarget.Test, request.Seeds, wholeHistorySecondary: true);
            return (perUser, Summarise(perUser, request), []);
        }
        int count = request.Systems.Count + (request.RankingFile is null ? 0 : 1);
        int index = 0;

        // Records a scored system and reports it done ("[i/n] name: NDCG@10 …").
        void Finish(SystemReport report)
        {
            systems.Add(report);
            done++;
            Report($"{report.Name}: done", Describe(index, count, report));
        }

        foreach (string name in request.Systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            var watch = Stopwatch.StartNew();
            if (LearnedSystems.IsKnown(name))
            {
                Report($"{name}: training", $"[{index}/{count}] {name}: training on the input events…");
                var learned = LearnedSystems.Build(name, split, request.LiveRank!, progress: new Progress<string>(line => Report($"{name}: training", line)));
                Report($"{name}: scoring test");
                var (learnedPerUser, learnedMetrics, learnedSweep) = ScoreTest(learned, learned);
                if (learned.UnionUsers > 0)
                    notes.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{name}: the retrievers' union held the test item for {learned.UnionHits:N0} of {learned.UnionUsers:N0} users (retrieval recall {(double)learned.UnionHits / learned.UnionUsers:F3}, {learned.Training.Report.ValidationMeanCandidates:F0} candidates on average)."));
                var learnedReport = new SystemReport
                {
                    Name = name,
                    Hyperparameters = LearnedSystems.Describe(learned),
                    ValidationNdcg10 = learned.Training.Report.ValidationNdcg10,
                    Metrics = learnedMetrics,
                    PerUser = learnedPerUser,
                    Sweep = learnedSweep,
                    Seconds = watch.Elapsed.TotalSeconds,
                };
                Finish(learnedReport);
                continue;
            }
            if (LiveRankSystems.IsKnown(name))
            {
                Report($"{name}: building", $"[{index}/{count}] {name}: replaying the input events into LiveRank…");
                var live = LiveRankSystems.Build(name, split, request.LiveRank!, progress: new Progress<string>(line => Report($"{name}: building", line)));
                var livePerUser = sampled!.Evaluate(live, request.Seeds);
                var liveReport = new SystemReport
                {
                    Name = name,
                    Hyperparameters = LiveRankSystems.Describe(name, request.LiveRank!),
                    Metrics = Summarise(livePerUser, request),
                    PerUser = livePerUser,
                    Seconds = watch.Elapsed.TotalSeconds,
                };
                Finish(liveReport);
                continue;
            }
            Report($"{name}: tuning", $"[{index}/{count}] {name}: tuning on validation…");
            var tuned = BaselineTuner.Tune(name, fullRanking, request.Seeds[0], _ =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                done++;
                Report($"{name}: tuning");
            });
            Report($"{name}: scoring test");
            var (perUser, metrics, sweep) = ScoreTest(tuned.Baseline, new BaselineCandidateScorer(tuned.Baseline, split.ItemCount, split));
            var report = new SystemReport
            {
                Name = name,
                Hyperparameters = tuned.Baseline.Hyperparameters,
                GridSize = tuned.GridSize,
                ValidationNdcg10 = tuned.ValidationNdcg10,
                Metrics = metrics,
                PerUser = perUser,
                Sweep = sweep,
                Seconds = watch.Elapsed.TotalSeconds,
            };
            Finish(report);
        }

        if (request.RankingFile is not null && sampled is not null)
        {
            index++;
            var watch = Stopwatch.StartNew();
            Report($"{request.RankingName}: scoring", $"[{index}/{count}] {request.RankingName}: scoring {request.RankingFile}…");
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
            Finish(report);
        }

        var users = fullRanking.EvaluatedUsers();
        var popularity = new int[split.ItemCount];
        foreach (int user in users)
            foreach (int item in split.TrainAndValidation(user)) popularity[item]++;
        return new EvaluationReport
        {
            Protocol = protocol,
            DatasetName = split.DatasetName,
            Users = split.UserCount,
            Items = split.ItemCount,
            Interactions = split.InteractionCount,
            Seeds = request.Seeds,
            MaskWindow = protocol is "P1" or "P5" ? request.MaskWindow : null,
            BootstrapResamples = request.BootstrapResamples,
            Systems = systems,
            PairedTests = PairedTests(systems, request),
            Notes = notes,
            HistoryLengths = [.. users.Select(u => split.TrainAndValidation(u).Length)],
            TargetPopularity = [.. users.Select(u => popularity[split.TestItem(u)])],
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

    /// <summary>P4: every system on the same cold-item draws (one per seed); pop is fitted on warm interactions only.</summary>
    private static EvaluationReport RunColdItems(LeaveOneOutSplit split, EvaluationRequest request, Action<EvaluationProgress>? progress,
        Stopwatch clock, CancellationToken cancellationToken)
    {
        var protocol = new ColdItemProtocol(split);
        var draws = request.Seeds.Select(protocol.DrawFor).ToList();
        int total = request.Systems.Count * draws.Count;
        int done = 0;
        void Report(string stage, string? line = null) => progress?.Invoke(new EvaluationProgress(done, total, stage, line));
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Cold items: {ColdItemProtocol.DefaultColdShare:P0} of the items per seed, held out of every system's input; users whose test item is cold: {string.Join(" / ", draws.Select(d => d.Lists.Length))} (seeds {string.Join(", ", request.Seeds)}). Candidates: the cold test item + 99 warm items the user never interacted with."),
        };

        var systems = new List<SystemReport>();
        int index = 0;
        foreach (string name in request.Systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            var watch = Stopwatch.StartNew();
            Report(name, $"[{index}/{request.Systems.Count}] {name}: scoring {draws.Count} cold-item draws…");
            var perSeed = new List<double>();
            var perUser = protocol.Evaluate(draws, draw =>
            {
                done++;
                Report(name);
                return ColdItemScorer(name, split, draw, protocol, request);
            }, perSeed);
            var report = new SystemReport
            {
                Name = name,
                Hyperparameters = LiveRankSystems.IsKnown(name) ? LiveRankSystems.Describe(name, request.LiveRank!) : [],
                Metrics = Summarise(perUser, request),
                PerUser = perUser,
                Seconds = watch.Elapsed.TotalSeconds,
            };
            systems.Add(report);
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: NDCG@10 per seed {string.Join(" / ", perSeed.Select(v => v.ToString("F4", CultureInfo.InvariantCulture)))}."));
            Report($"{name}: done", Describe(index, request.Systems.Count, report));
        }

        var popularity = new int[split.ItemCount];
        for (int user = 0; user < split.UserCount; user++)
            foreach (int item in split.TrainAndValidation(user)) popularity[item]++;
        var rows = draws.SelectMany(d => d.Lists).ToList();
        return new EvaluationReport
        {
            Protocol = "P4",
            DatasetName = split.DatasetName,
            Users = split.UserCount,
            Items = split.ItemCount,
            Interactions = split.InteractionCount,
            Seeds = request.Seeds,
            BootstrapResamples = request.BootstrapResamples,
            Systems = systems,
            PairedTests = PairedTests(systems, request),
            Notes = notes,
            HistoryLengths = [.. rows.Select(l => split.TrainAndValidation(l.User).Length)],
            TargetPopularity = [.. rows.Select(_ => 0)], // cold: no system saw an interaction with the target
            Elapsed = clock.Elapsed,
        };
    }

    private static ICandidateScorer ColdItemScorer(string name, LeaveOneOutSplit split, ColdItemProtocol.Draw draw, ColdItemProtocol protocol,
        EvaluationRequest request)
    {
        switch (name)
        {
            case ColdStartScorers.Random:
                return new ColdStartScorers.RandomScorer();
            case ColdStartScorers.Genre:
                return new ColdStartScorers.GenreScorer(split);
            case "pop":
                var pop = new PopularityBaseline();
                pop.Fit(new TrainingSet(split.ItemCount, [.. Enumerable.Range(0, split.UserCount).Select(u => protocol.WarmHistory(u, draw))]));
                return new BaselineCandidateScorer(pop, split.ItemCount);
            default:
                if (LearnedSystems.IsKnown(name))
                    return LearnedSystems.Build(name, split, request.LiveRank!, draw.IsCold, exclusionKey: $"cold-seed{draw.Seed}");
                return LiveRankSystems.Build(name, split, request.LiveRank!, draw.IsCold);
        }
    }
}
