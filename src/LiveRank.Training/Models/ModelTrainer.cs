using System.Diagnostics;
using LiveRank.Retrieval;
using LiveRank.Scoring.Adapter;
using LiveRank.Scoring.Models;
using LiveRank.Training.Adapter;
using LiveRank.Training.Trees;

namespace LiveRank.Training.Models;

/// <summary>
/// Trains a <see cref="RankingModel"/> from a <see cref="TrainingLog"/>:
/// <list type="number">
/// <item>LM nearest neighbours of every item (text only, no interactions).</item>
/// <item>The θ·h adapter on the log truncated by <see cref="ModelTrainingOptions.Splits"/> (so none of the combiner's
/// targets is among its training examples), early-stopped on the first held-out items.</item>
/// <item>For each truncated split j: every statistic refit on the log without each user's j newest interactions;
/// the retrievers' union for each user; one query group per user with the j-th newest item as the positive.</item>
/// <item>LambdaMART on splits 2.., early-stopped on split 1.</item>
/// <item>The served model: statistics refit on the whole log, the adapter, the combiner.</item>
/// </list>
/// Nothing reads an interaction at or after a group's target, so no target leaks into its own features.
/// </summary>
public static class ModelTrainer
{
    public static ModelTrainingResult Train(TrainingLog log, ModelTrainingOptions options, IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var timings = new List<KeyValuePair<string, double>>();
        void Report(string stage, double fraction, string line) => progress?.Report(new TrainingProgress(stage, fraction, line));
        void Time(string stage, Stopwatch watch) => timings.Add(new(stage, watch.Elapsed.TotalSeconds));

        bool lm = options.UseLanguageModel && log.Vectors is not null;
        var (categoryNames, categoryIds) = Vocabulary(log);

        ItemNeighbours? lmNeighbours = null;
        var watch = Stopwatch.StartNew();
        if (lm)
        {
            Report("lm-neighbours", 0.02, $"LM neighbours of {log.ItemCount:N0} items…");
            lmNeighbours = StatisticsFitter.LmNeighbours(log.Vectors!, log.ItemCount, log.Dimension, options.LmNeighboursPerItem, cancellationToken);
            Time("lm-neighbours", watch);
        }

        LmAdapter? adapter = null;
        AdapterTrainingResult? adapterResult = null;
        if (lm)
        {
            watch.Restart();
            Report("adapter", 0.05, "Training the LM adapter…");
            adapterResult = TrainAdapter(log, options, progress, cancellationToken);
            adapter = adapterResult.Adapter;
            Time("adapter", watch);
        }
        float[]? adapterItems = adapter?.EncodeAllItems(log.Vectors!);

        watch.Restart();
        var train = new GroupRows();
        var validation = new GroupRows();
        SplitSummary? validationSummary = null;
        for (int j = 1; j <= options.Splits; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Report("splits", 0.35 + 0.35 * (j - 1) / options.Splits, $"Split {j}/{options.Splits}: refitting statistics without each user's {j} newest interactions…");
            var splitModel = Assemble(log.Truncate(j), log, options, categoryNames, categoryIds, lmNeighbours, adapter, adapterItems, combiner: null);
            var summary = BuildGroups(log, j, splitModel, options, j == 1 ? validation : train, validation: j == 1, cancellationToken);
            if (j == 1) validationSummary = summary;
        }
        Time("splits", watch);

        RankingModel model;
        LambdaMartResult? combinerResult = null;
        watch.Restart();
        Scoring.Trees.TreeEnsemble? combiner = null;
        if (options.UseCombiner)
        {
            Report("combiner", 0.72, $"LambdaMART on {train.GroupCount:N0} groups ({train.RowCount:N0} rows), validating on {validation.GroupCount:N0}…");
            if (train.GroupCount == 0)
                throw new InvalidOperationException("Too few interactions to train a combiner: no user has history before a held-out interaction.");
            combinerResult = LambdaMartTrainer.Train(train.ToRows(), validation.GroupCount == 0 ? null : validation.ToRows(), options.Combiner,
                new Progress<string>(line => Report("combiner", 0.8, line)), cancellationToken);
            combiner = combinerResult.Model;
            Time("combiner", watch);
        }

        watch.Restart();
        Report("final", 0.92, "Refitting statistics on the whole log…");
        model = Assemble(log, log, options, categoryNames, categoryIds, lmNeighbours, adapter, adapterItems, combiner);
        Time("final statistics", watch);

        // The validation split scored by the finished combiner (with split 1's statistics), P1-style: the target's rank
        // among the retrieved union, a miss when it was not retrieved.
        var validationModel = Assemble(log.Truncate(1), log, options, categoryNames, categoryIds, lmNeighbours, adapter, adapterItems, combiner);
        var validationMetrics = ValidationMetrics(log, validationModel, cancellationToken);

        var report = new TrainingReport
        {
            Dataset = log.Dataset,
            Users = log.UserCount,
            Items = log.ItemCount,
            Interactions = log.InteractionCount,
            EncoderModel = lm ? log.EncoderModel : "",
            TrainingGroups = train.GroupCount,
            TrainingRows = train.RowCount,
            ValidationGroups = validation.GroupCount,
            ValidationRecall = validationSummary?.Recall ?? 0,
            ValidationMeanCandidates = validationSummary?.MeanCandidates ?? 0,
            ValidationNdcg10 = validationMetrics.Ndcg10,
            ValidationRecall10 = validationMetrics.Recall10,
            AdapterValidationNdcg10 = adapterResult?.BestValidationNdcg10,
            AdapterEpochs = adapterResult?.Epochs.Count,
            CombinerTrees = combinerResult?.Trees,
            Importance = combinerResult?.Importance.Select(i => new KeyValuePair<string, double>(i.Name, i.GainShare)).ToList() ?? [],
            Seconds = timings,
            TotalSeconds = clock.Elapsed.TotalSeconds,
        };
        model = WithReport(model, report, options);
        Report("done", 1, $"Trained {model.Metadata.Label} in {clock.Elapsed.TotalSeconds:F0} s: validation NDCG@10 {report.ValidationNdcg10:F4}, recall of the union {report.ValidationRecall:F3}.");
        return new ModelTrainingResult(model, report);
    }

    private static RankingModel WithReport(RankingModel model, TrainingReport report, ModelTrainingOptions options) => new()
    {
        Metadata = model.Metadata with { Report = report.ToJson() },
        Settings = model.Settings,
        ItemIds = model.ItemIds,
        Statistics = model.Statistics,
        CoVisitation = model.CoVisitation,
        SymmetricCoVisitation = model.SymmetricCoVisitation,
        Markov = model.Markov,
        Ease = model.Ease,
        LmNeighbours = model.LmNeighbours,
        Adapter = model.Adapter,
        AdapterItems = model.AdapterItems,
        PopularItems = model.PopularItems,
        MaskedFeatures = model.MaskedFeatures,
        Combiner = model.Combiner,
    };

    private static (string[] Names, int[][] Ids) Vocabulary(TrainingLog log)
    {
        string[] names = [.. log.Categories.SelectMany(c => c).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var index = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        int[][] ids = [.. log.Categories.Select(c => c.Select(name => index[name]).Distinct().ToArray())];
        return (names, ids);
    }

    private static AdapterTrainingResult TrainAdapter(TrainingLog log, ModelTrainingOptions options, IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        // Trained before every combiner target: the log without each user's `Splits` newest items, validated on the
        // first of those items.
        var truncated = log.Truncate(options.Splits);
        var targets = new int[log.UserCount];
        for (int u = 0; u < log.UserCount; u++)
        {
            var s = log.Sequences[u];
            targets[u] = s.Length > options.Splits && truncated.Sequences[u].Length > 0 ? s[s.Length - options.Splits] : -1;
        }
        var data = new AdapterTrainingData
        {
            ItemCount = log.ItemCount,
            Dimension = log.Dimension,
            ItemVectors = log.Vectors!,
            Sequences = truncated.Sequences,
            Weights = truncated.Weights,
            ValidationTargets = targets,
        };
        var seeded = options.Adapter.WithSeed(options.Seed);
        return AdapterTrainer.Train(data, seeded,
            new Progress<AdapterEpoch>(e => progress?.Report(new TrainingProgress("adapter", 0.05 + 0.3 * e.Epoch / Math.Max(1, seeded.Epochs),
                $"adapter epoch {e.Epoch}: loss {e.TrainingLoss:F4}, validation NDCG@10 {e.ValidationNdcg10:F4} ({e.Elapsed.TotalSeconds:F0} s)"))), cancellationToken);
    }

    /// <summary>A model over <paramref name="fitOn"/>'s statistics with <paramref name="full"/>'s items and text.</summary>
    private static RankingModel Assemble(TrainingLog fitOn, TrainingLog full, ModelTrainingOptions options, string[] categoryNames, int[][] categoryIds,
        ItemNeighbours? lmNeighbours, LmAdapter? adapter, float[]? adapterItems, Scoring.Trees.TreeEnsemble? combiner)
    {
        var fitted = StatisticsFitter.Fit(fitOn, options.Statistics, categoryNames, categoryIds);
        var masked = new bool[RankingFeatures.Count];
        foreach (int f in options.MaskedFeatures) masked[f] = true;
        return new RankingModel
        {
            Metadata = new ModelMetadata
            {
                Name = options.Name,
                Version = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                TrainedAt = DateTimeOffset.UtcNow,
                Dataset = full.Dataset,
                EncoderModel = adapter is null ? "" : full.EncoderModel,
                Dimension = adapter is null ? 0 : full.Dimension,
            },
            Settings = options.Settings,
            ItemIds = full.ItemIds,
            Statistics = fitted.Statistics,
            CoVisitation = fitted.CoVisitation,
            SymmetricCoVisitation = fitted.Symmetric,
            Markov = fitted.Markov,
            Ease = fitted.Ease,
            LmNeighbours = lmNeighbours,
            Adapter = adapter,
            AdapterItems = adapterItems,
            PopularItems = fitted.PopularItems,
            MaskedFeatures = masked,
            Combiner = combiner,
        };
    }

    private sealed record SplitSummary(double Recall, double MeanCandidates);

    /// <summary>One group per user whose j-th newest interaction exists and has history before it.</summary>
    private static SplitSummary BuildGroups(TrainingLog log, int j, RankingModel splitModel, ModelTrainingOptions options, GroupRows into,
        bool validation, CancellationToken cancellationToken)
    {
        var space = new ModelItemSpace(splitModel.Statistics, splitModel.Adapter is null ? null : log.Vectors, log.Dimension);
        var perUser = new GroupRows.Group?[log.UserCount];
        int found = 0, groups = 0;
        long candidates = 0;
        Parallel.For(0, log.UserCount, new ParallelOptions { CancellationToken = cancellationToken },
            () => new Worker(splitModel),
            (u, _, worker) =>
            {
                var s = log.Sequences[u];
                int historyLength = s.Length - j;
                if (historyLength < 1) return worker;
                var (group, hit) = BuildGroup(log, u, historyLength, space, worker, options, j, validation);
                perUser[u] = group;
                Interlocked.Increment(ref groups);
                if (hit) Interlocked.Increment(ref found);
                Interlocked.Add(ref candidates, worker.Union.Count);
                return worker;
            },
            _ => { });
        foreach (var group in perUser) if (group is not null) into.Add(group);
        return new SplitSummary(groups == 0 ? 0 : (double)found / groups, groups == 0 ? 0 : (double)candidates / groups);
    }

    /// <summary>
    /// The group of user <paramref name="u"/> whose target is the item after its first <paramref name="historyLength"/>
    /// interactions: a training group is the target, sampled retrieved negatives and random ones (some hidden as cold);
    /// a validation group is the whole union, and there is none when the union misses the target.
    /// </summary>
    private static (GroupRows.Group? Group, bool Hit) BuildGroup(TrainingLog log, int u, int historyLength, ModelItemSpace space, Worker worker,
        ModelTrainingOptions options, int j, bool validation)
    {
        var s = log.Sequences[u];
        int target = s[historyLength];
        var sequence = worker.Sequence;
        sequence.Set(s.AsSpan(0, historyLength), log.Times[u].AsSpan(0, historyLength), log.Weights[u].AsSpan(0, historyLength));
        worker.Builder.Prepare(sequence, space);
        worker.Builder.Retrieve(includeSeen: false, worker.Union);
        bool hit = worker.Union.Contains(target);
        var random = new Random(GroupSeed(options.Seed, j, u));
        var list = new List<int>();
        int laterCount = 0;
        if (validation)
        {
            // Validation groups keep the whole union: early stopping sees the ranking the service will do.
            if (!hit) return (null, false);
            list.AddRange(worker.Union);
        }
        else
        {
            // The next items after the target are relevant too, one grade lower: they are what this user chose soon
            // after, and they multiply the positive signal of a leave-one-out log.
            var later = new List<int>();
            for (int p = historyLength + 1; p < Math.Min(s.Length, historyLength + 1 + options.LaterPositives); p++)
                if (s[p] != target && !later.Contains(s[p])) later.Add(s[p]);
            list.Add(target);
            list.AddRange(later);
            laterCount = later.Count;
            var negatives = worker.Union.Where(i => i != target && !later.Contains(i)).ToArray();
            random.Shuffle(negatives);
            list.AddRange(negatives.Take(options.RetrievedNegatives));
            var taken = new HashSet<int>(list);
            foreach (int item in s.AsSpan(0, historyLength)) taken.Add(item);
            for (int k = 0, tries = 0; k < options.RandomNegatives && tries < options.RandomNegatives * 10; tries++)
            {
                int item = random.Next(log.ItemCount);
                if (taken.Add(item))
                {
                    list.Add(item);
                    k++;
                }
            }
        }
        int n = list.Count;
        var cold = new bool[n];
        if (!validation && options.ColdShare > 0)
            for (int c = 0; c < n; c++) cold[c] = random.NextDouble() < options.ColdShare;
        var matrix = new float[n * RankingFeatures.Count];
        worker.Builder.Fill(list.ToArray(), default, cold, matrix);
        foreach (int f in options.MaskedFeatures) matrix.AsSpan(f * n, n).Fill(RankingFeatures.Missing);
        var labels = new float[n];
        if (validation) labels[list.IndexOf(target)] = 1;
        else
        {
            labels[0] = 2;
            for (int c = 1; c <= laterCount; c++) labels[c] = 1;
        }
        return (new GroupRows.Group(matrix, labels, n), hit);
    }

    /// <summary>
    /// The sampling seed of user <paramref name="user"/>'s group in split <paramref name="split"/>: a fixed arithmetic mix,
    /// not <see cref="HashCode"/> (randomised per process), so a seed trains the same model in every run.
    /// </summary>
    internal static int GroupSeed(int seed, int split, int user)
    {
        ulong x = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)split << 32 ^ (uint)user;
        x = (x ^ x >> 30) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ x >> 27) * 0x94D049BB133111EBUL;
        return (int)(x ^ x >> 31) & int.MaxValue;
    }

    private sealed class Worker(RankingModel model)
    {
        public FeatureBuilder Builder { get; } = new(model);
        public UserSequence Sequence { get; } = new();
        public List<int> Union { get; } = [];
    }

    /// <summary>NDCG@10 and Recall@10 of each user's newest item, ranked among the union retrieved from everything before it.</summary>
    private static (double Ndcg10, double Recall10) ValidationMetrics(TrainingLog log, RankingModel model, CancellationToken cancellationToken)
    {
        var ranker = new ModelRanker(model);
        var space = new ModelItemSpace(model.Statistics, model.Adapter is null ? null : log.Vectors, log.Dimension);
        double ndcg = 0, recall = 0;
        int users = 0;
        var gate = new object();
        Parallel.For(0, log.UserCount, new ParallelOptions { CancellationToken = cancellationToken }, () => (new UserSequence(), new List<int>()),
            (u, _, state) =>
            {
                var (sequence, union) = state;
                var s = log.Sequences[u];
                if (s.Length < 2) return state;
                int target = s[^1];
                sequence.Set(s.AsSpan(0, s.Length - 1), log.Times[u].AsSpan(0, s.Length - 1), log.Weights[u].AsSpan(0, s.Length - 1));
                ranker.Prepare(sequence, space);
                ranker.Retrieve(includeSeen: false, union);
                double gain = 0;
                int index = union.IndexOf(target);
                if (index >= 0)
                {
                    var scores = new float[union.Count];
                    ranker.Score(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(union), default, scores);
                    int rank = 1;
                    for (int c = 0; c < scores.Length; c++) if (scores[c] > scores[index]) rank++;
                    if (rank <= 10) gain = 1 / Math.Log2(rank + 1);
                }
                lock (gate)
                {
                    users++;
                    ndcg += gain;
                    if (gain > 0) recall++;
                }
                return state;
            }, _ => { });
        return users == 0 ? (0, 0) : (ndcg / users, recall / users);
    }
}
