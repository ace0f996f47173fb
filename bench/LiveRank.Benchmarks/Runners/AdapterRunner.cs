using System.Diagnostics;
using System.Globalization;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Protocols;
using LiveRank.Text.Encoders;
using LiveRank.Training.Adapter;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Trains the LM adapter on a MovieLens folder under the P1 split (5-core, per user sorted by (time, item id); the
/// last item is the test target, the second-last the validation target) with MiniLM vectors of the item texts, and
/// prints the epochs, the validation NDCG@10 the run stopped on, and the test NDCG@10 with train + validation as input.
/// Both are full ranking with the user's input items masked.
/// </summary>
internal static class AdapterRunner
{
    private const string Usage =
        "adapter DATA_DIR [--cache DIR] [--rank N] [--window N] [--epochs N] [--batch N] [--lr X] [--decay X] [--l2 X] [--dropout X] "
        + "[--negatives N] [--sampling popularity|uniform] [--in-batch on|off] [--logq on|off] [--offsets on|off] [--bias on|off] "
        + "[--last on|off] [--weights none|rating] [--patience N] [--seed N] [--threads N]";

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 64;
        }
        string directory = args[0];
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"unexpected '{args[i]}'; usage: {Usage}");
                return 64;
            }
            settings[args[i][2..]] = args[i + 1];
        }
        string Text(string name, string fallback) => settings.Remove(name, out var value) ? value : fallback;
        int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        double Real(string name, double fallback) => double.Parse(Text(name, fallback.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        bool Switch(string name, bool fallback) => Text(name, fallback ? "on" : "off") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--{name} {other}: use on or off."),
        };

        var defaults = new AdapterTrainingOptions();
        var options = new AdapterTrainingOptions
        {
            Rank = Int("rank", defaults.Rank),
            Window = Int("window", defaults.Window),
            Epochs = Int("epochs", defaults.Epochs),
            BatchSize = Int("batch", defaults.BatchSize),
            LearningRate = Real("lr", defaults.LearningRate),
            LearningRateDecay = Real("decay", defaults.LearningRateDecay),
            L2 = Real("l2", defaults.L2),
            InputDropout = Real("dropout", defaults.InputDropout),
            Negatives = Int("negatives", defaults.Negatives),
            NegativeSampling = Enum.Parse<AdapterNegativeSampling>(Text("sampling", defaults.NegativeSampling.ToString()), ignoreCase: true),
            InBatchNegatives = Switch("in-batch", defaults.InBatchNegatives),
            LogQCorrection = Switch("logq", defaults.LogQCorrection),
            UseOffsets = Switch("offsets", defaults.UseOffsets),
            ItemBias = Switch("bias", defaults.ItemBias),
            LastItemTerm = Switch("last", defaults.LastItemTerm),
            Patience = Int("patience", defaults.Patience),
            Seed = Int("seed", defaults.Seed),
            MaxThreads = Int("threads", defaults.MaxThreads),
        };
        string weighting = Text("weights", "none");
        string cache = Text("cache", Path.Combine(Path.GetTempPath(), "liverank-adapter-cache"));
        if (settings.Count > 0)
        {
            Console.Error.WriteLine($"unknown option --{settings.Keys.First()}; usage: {Usage}");
            return 64;
        }
        Report.Environment();

        var load = Stopwatch.StartNew();
        var dataset = InteractionDataset.FromMovieLens(directory);
        var split = LeaveOneOutSplit.Create(dataset);
        MovieLensSmallCheck.Assert(split);
        var vectors = ItemVectorCache.LoadOrEncode(split, BundledModel.MiniLmL6V2, () => BundledModel.CreateMiniLm(), cache, Console.WriteLine);
        float[] itemVectors = new float[split.ItemCount * vectors.Dimension];
        for (int i = 0; i < split.ItemCount; i++) vectors[i].CopyTo(itemVectors.AsSpan(i * vectors.Dimension));
        float[][]? ratingWeights = weighting switch
        {
            "none" => null,
            "rating" => RatingWeights(directory, split),
            _ => throw new ArgumentException($"--weights {weighting}: use none or rating."),
        };
        Console.WriteLine($"{split.DatasetName}: {split.UserCount:N0} users, {split.ItemCount:N0} items, {split.InteractionCount:N0} interactions, "
            + $"{vectors.Dimension} dims; loaded in {load.Elapsed.TotalSeconds:N1} s");

        var users = Enumerable.Range(0, split.UserCount).ToArray();
        var training = new AdapterTrainingData
        {
            ItemCount = split.ItemCount,
            Dimension = vectors.Dimension,
            ItemVectors = itemVectors,
            Sequences = [.. users.Select(u => split.Train(u).ToArray())],
            Weights = ratingWeights is null ? null : [.. users.Select(u => ratingWeights[u][..split.Train(u).Length])],
            ValidationTargets = [.. users.Select(u => split.HasHoldout(u) ? split.ValidationItem(u) : -1)],
        };
        var test = new AdapterTrainingData
        {
            ItemCount = split.ItemCount,
            Dimension = vectors.Dimension,
            ItemVectors = itemVectors,
            Sequences = [.. users.Select(u => split.TrainAndValidation(u).ToArray())],
            Weights = ratingWeights is null ? null : [.. users.Select(u => ratingWeights[u][..split.TrainAndValidation(u).Length])],
            ValidationTargets = [.. users.Select(u => split.HasHoldout(u) ? split.TestItem(u) : -1)],
        };
        Console.WriteLine($"options: rank {options.Rank}, window {options.Window}, batch {options.BatchSize}, lr {options.LearningRate} × {options.LearningRateDecay}/epoch, l2 {options.L2}, "
            + $"dropout {options.InputDropout}, negatives {options.Negatives} {options.NegativeSampling}, in-batch {options.InBatchNegatives}, "
            + $"logQ {options.LogQCorrection}, offsets {options.UseOffsets}, bias {options.ItemBias}, last {options.LastItemTerm}, weights {weighting}, "
            + $"seed {options.Seed}, threads {options.MaxThreads}");

        var progress = new SynchronousProgress(e => Console.WriteLine(
            $"  epoch {e.Epoch,2}  loss {e.TrainingLoss:F4}  validation NDCG@10 {e.ValidationNdcg10:F4}  {e.Elapsed.TotalSeconds:F1} s"));
        var result = AdapterTrainer.Train(training, options, progress);
        double testNdcg = AdapterTrainer.Ndcg10(result.Adapter, test, options.MaxThreads);
        double perEpoch = result.Epochs.Average(e => e.Elapsed.TotalSeconds);
        Report.Line("best epoch", $"{result.BestEpoch} of {result.Epochs.Count}");
        Report.Line("validation NDCG@10 (best epoch)", Report.Number(result.BestValidationNdcg10, "F4"));
        Report.Line("test NDCG@10 (input train + validation)", Report.Number(testNdcg, "F4"));
        Report.Line("training time", $"{Report.Number(result.Elapsed.TotalSeconds, "F1")} s, {Report.Number(perEpoch, "F2")} s per epoch");
        return 0;
    }

    /// <summary>(rating − 3) / 2 per split entry: 5 stars → 1, 3 → 0, 1 → −1 (a dislike).</summary>
    private static float[][] RatingWeights(string directory, LeaveOneOutSplit split)
    {
        var ratings = new Dictionary<(string User, string Item), float>();
        foreach (string line in File.ReadLines(Path.Combine(directory, "ratings.csv")).Skip(1))
        {
            var parts = line.Split(',');
            if (parts.Length >= 3) ratings[(parts[0], parts[1])] = float.Parse(parts[2], CultureInfo.InvariantCulture);
        }
        var weights = new float[split.UserCount][];
        for (int u = 0; u < split.UserCount; u++)
        {
            var sequence = split.Sequences[u];
            weights[u] = new float[sequence.Length];
            for (int j = 0; j < sequence.Length; j++)
                weights[u][j] = ratings.TryGetValue((split.UserIds[u], split.ItemIds[sequence[j]]), out float rating) ? (rating - 3f) / 2f : 0f;
        }
        return weights;
    }

    /// <summary>Reports on the training thread, so epoch lines print in order.</summary>
    private sealed class SynchronousProgress(Action<AdapterEpoch> report) : IProgress<AdapterEpoch>
    {
        public void Report(AdapterEpoch value) => report(value);
    }
}
