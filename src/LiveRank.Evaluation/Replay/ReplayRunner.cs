using System.Diagnostics;
using System.Globalization;
using LiveRank.Domain;
using LiveRank.Evaluation.Metrics;
using LiveRank.Evaluation.Reports;
using LiveRank.Scoring;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// Protocol P3, real-time replay: load the catalog and the pre-cut events into a service, wait for its item vectors,
/// then walk the post-cut events in time order twice. The <b>frozen</b> pass ranks each target's candidate lists and
/// sends nothing, so the state stays as it was at the cut; the <b>live</b> pass ranks the same lists in the same
/// order but sends every replayed event right after the rankings that precede it, so each ranking sees everything
/// that happened before it. NDCG@10.live − NDCG@10.frozen is what real-time updating is worth.
/// </summary>
public static class ReplayRunner
{
    public const string SystemName = "liverank";
    private static readonly string[] MetricFamilies = ["NDCG@10", "HR@10", "MRR@10", "NDCG@1"];

    public static async Task<ReplayResult> RunAsync(ReplayPlan plan, IRankingService service, ReplayOptions options,
        Action<EvaluationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        int seeds = options.Seeds.Count;
        int loadSteps = Batches(plan.Items.Count, options.BatchSize) + Batches(plan.Training.Count, options.BatchSize);
        int total = loadSteps + 1 + plan.Targets.Count + plan.Replay.Count;
        int done = 0;
        void Report(string stage, string? line = null) => progress?.Invoke(new EvaluationProgress(done, total, stage, line));

        // Load: catalog, then the training events in time order.
        Report("load", $"P3: loading {plan.Items.Count:N0} items and {plan.Training.Count:N0} events before the cut ({plan.Cut:yyyy-MM-dd HH:mm:ss}Z) into the {service.Kind} service…");
        var load = Stopwatch.StartNew();
        foreach (var batch in plan.Items.Chunk(options.BatchSize))
        {
            await service.UpsertItemsAsync(batch, cancellationToken);
            done++;
            Report("load: items");
        }
        foreach (var batch in plan.Training.Chunk(options.BatchSize))
        {
            await service.AppendEventsAsync(batch, cancellationToken);
            done++;
            Report("load: events");
        }
        load.Stop();

        var readyWatch = Stopwatch.StartNew();
        bool ready = await service.WaitUntilReadyAsync(plan.Items.Count, options.ReadyTimeout, line => Report("waiting for item vectors", line), cancellationToken);
        readyWatch.Stop();
        if (!ready) Report("ready", $"P3: item vectors still incomplete after {options.ReadyTimeout.TotalSeconds:N0} s; replaying anyway (see report.md).");
        done++;

        // Rows: targets. Ranks per seed, for each pass.
        var frozenRanks = new int[plan.Targets.Count, seeds];
        var liveRanks = new int[plan.Targets.Count, seeds];
        var rerankMs = new List<double>(plan.Targets.Count * seeds * 2);

        Report("frozen pass", $"P3: frozen pass, {plan.Targets.Count:N0} targets × {seeds} lists, no events sent…");
        var frozenWatch = Stopwatch.StartNew();
        for (int t = 0; t < plan.Targets.Count; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var target = plan.Targets[t];
            var e = plan.Replay[target.EventIndex];
            for (int s = 0; s < seeds; s++) frozenRanks[t, s] = await RankOfAsync(service, e, target.Lists[s], rerankMs, cancellationToken);
            done++;
            if (t % 50 == 0) Report("frozen pass");
        }
        frozenWatch.Stop();

        Report("live pass", $"P3: live pass, {plan.Replay.Count:N0} events sent one by one, each after the rankings before it…");
        var liveWatch = Stopwatch.StartNew();
        var postMs = new List<double>(plan.Replay.Count);
        var visibleMs = new List<double>(plan.Replay.Count);
        int visibleFirst = 0;
        int next = 0;
        var one = new UserEvent[1];
        for (int j = 0; j < plan.Replay.Count; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var e = plan.Replay[j];
            if (next < plan.Targets.Count && plan.Targets[next].EventIndex == j)
            {
                for (int s = 0; s < seeds; s++) liveRanks[next, s] = await RankOfAsync(service, e, plan.Targets[next].Lists[s], rerankMs, cancellationToken);
                next++;
            }
            one[0] = e;
            long start = Stopwatch.GetTimestamp();
            await service.AppendEventsAsync(one, cancellationToken);
            postMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (await service.IsVisibleAsync(e, cancellationToken)) visibleFirst++;
            visibleMs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            done++;
            if (j % 50 == 0) Report("live pass");
        }
        liveWatch.Stop();

        var report = Summarise(plan, options, service.Kind, frozenRanks, liveRanks, clock.Elapsed);
        var timings = new ReplayTimings
        {
            Load = load.Elapsed,
            ReadyWait = readyWatch.Elapsed,
            Ready = ready,
            FrozenPass = frozenWatch.Elapsed,
            LivePass = liveWatch.Elapsed,
            EventPostP50Ms = Percentile(postMs, 0.50),
            EventPostP99Ms = Percentile(postMs, 0.99),
            EventPostMaxMs = postMs.Count == 0 ? 0 : postMs.Max(),
            VisibleP50Ms = Percentile(visibleMs, 0.50),
            VisibleP99Ms = Percentile(visibleMs, 0.99),
            VisibleOnFirstRead = visibleFirst,
            EventsSent = plan.Replay.Count,
            RerankP50Ms = Percentile(rerankMs, 0.50),
            RerankP99Ms = Percentile(rerankMs, 0.99),
            Reranks = rerankMs.Count,
        };
        Report("done", string.Create(CultureInfo.InvariantCulture,
            $"P3: NDCG@10 live {report.Systems[0].Metric("NDCG@10.live")!.Mean:F4}, frozen {report.Systems[0].Metric("NDCG@10.frozen")!.Mean:F4}"));
        return new ReplayResult(report with { Elapsed = clock.Elapsed }, timings, plan, service.Kind);
    }

    private static async Task<int> RankOfAsync(IRankingService service, UserEvent e, string[] list, List<double> latencies, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        var order = await service.RankAsync(e.UserId, e.SessionId, list, cancellationToken);
        latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        for (int r = 0; r < order.Count; r++)
            if (order[r] == e.ItemId) return r + 1;
        throw new InvalidOperationException($"The ranking for user '{e.UserId}' lost the candidate '{e.ItemId}'.");
    }

    private static EvaluationReport Summarise(ReplayPlan plan, ReplayOptions options, string kind, int[,] frozenRanks, int[,] liveRanks, TimeSpan elapsed)
    {
        // Users in order of their first target: the clusters of the bootstrap.
        var userIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowUser = new int[plan.Targets.Count];
        for (int t = 0; t < plan.Targets.Count; t++)
        {
            string user = plan.Replay[plan.Targets[t].EventIndex].UserId;
            if (!userIndex.TryGetValue(user, out int u)) userIndex[user] = u = userIndex.Count;
            rowUser[t] = u;
        }
        int users = userIndex.Count;
        var counts = new int[users];
        foreach (int u in rowUser) counts[u]++;

        int seeds = options.Seeds.Count;
        var perUser = new UserMetrics(users);
        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (string pass in new[] { "live", "frozen" })
        {
            var ranks = pass == "live" ? liveRanks : frozenRanks;
            foreach (string metric in MetricFamilies)
            {
                var column = new double[users];
                for (int t = 0; t < plan.Targets.Count; t++)
                {
                    double value = 0;
                    for (int s = 0; s < seeds; s++) value += Value(metric, ranks[t, s]);
                    column[rowUser[t]] += value / seeds;
                }
                sums[$"{metric}.{pass}"] = column;
                var mean = perUser.Column($"{metric}.{pass}");
                for (int u = 0; u < users; u++) mean[u] = counts[u] == 0 ? 0 : column[u] / counts[u];
            }
        }

        int bootstrapSeed = options.Seeds[0];
        var metrics = new List<MetricSummary>();
        foreach (string metric in MetricFamilies)
            foreach (string pass in new[] { "live", "frozen" })
            {
                string name = $"{metric}.{pass}";
                var (mean, low, high) = ClusterBootstrap.Mean(sums[name], counts, bootstrapSeed, options.BootstrapResamples);
                metrics.Add(new MetricSummary(name, mean, low, high));
            }
        var paired = new List<PairedTestReport>();
        foreach (string metric in MetricFamilies)
            paired.Add(new PairedTestReport($"{SystemName}.live", $"{SystemName}.frozen", metric,
                ClusterBootstrap.Paired(sums[$"{metric}.live"], sums[$"{metric}.frozen"], counts, bootstrapSeed, options.BootstrapResamples)));

        var inv = CultureInfo.InvariantCulture;
        var system = new SystemReport
        {
            Name = SystemName,
            Metrics = metrics,
            PerUser = perUser,
            Seconds = elapsed.TotalSeconds,
            Hyperparameters =
            [
                new("model", options.Model ?? new HeuristicScorer().Model),
                new("service", kind),
                new("cut", plan.Cut.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", inv)),
                new("cutQuantile", options.CutQuantile.ToString("0.###", inv)),
                new("trainingEvents", plan.Training.Count.ToString(inv)),
                new("postCutEvents", plan.PostCutEvents.ToString(inv)),
                new("replayedEvents", plan.Replay.Count.ToString(inv)),
                new("targets", plan.Targets.Count.ToString(inv)),
                new("targetUsers", users.ToString(inv)),
                new("candidates", $"1+{options.Negatives}"),
                new("negativePool", plan.NegativePool.ToString(inv)),
            ],
        };
        return new EvaluationReport
        {
            Protocol = "P3",
            DatasetName = plan.DatasetName,
            Users = plan.Users,
            Items = plan.Items.Count,
            Interactions = plan.Interactions,
            Seeds = options.Seeds,
            BootstrapResamples = options.BootstrapResamples,
            Systems = [system],
            PairedTests = paired,
            Elapsed = elapsed,
        };
    }

    private static double Value(string metric, int rank) => metric switch
    {
        "NDCG@10" => RankMetrics.Ndcg(rank, 10),
        "NDCG@1" => RankMetrics.Ndcg(rank, 1),
        "HR@10" => RankMetrics.HitRate(rank, 10),
        "MRR@10" => RankMetrics.Mrr(rank, 10),
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    private static int Batches(int count, int size) => (count + size - 1) / size;

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0) return 0;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Bootstrap.Quantile(sorted, q);
    }
}
