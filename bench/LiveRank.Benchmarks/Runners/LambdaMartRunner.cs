using System.Diagnostics;
using LiveRank.Scoring.Trees;
using LiveRank.Testing.Trees;
using LiveRank.Training.Trees;
using Microsoft.ML;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// The LambdaMART combiner end to end. Scoring: every call of <see cref="TreeEnsemble.Score(ReadOnlySpan{float}, int,
/// MatrixLayout, Span{float})"/> for 100 rows × 40 features timed on its own (per-call percentiles and bytes), first
/// with a random 300-tree, 31-leaf ensemble, then with the trained model next to ML.NET's PredictionEngine on the same
/// rows. Training: LambdaMART (300 trees, 31 leaves) on a synthetic set of <c>rows</c> × 40 features, with
/// <c>--threads</c> LightGBM threads (default: all cores).
/// </summary>
internal static class LambdaMartRunner
{
    private const int Features = 40;
    private const int Rows = 100;

    public static int Run(string[] args)
    {
        bool scoreOnly = args.Contains("--score-only");
        bool trainOnly = args.Contains("--train-only");
        int threads = args.SkipWhile(a => a != "--threads").Skip(1).Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(Environment.ProcessorCount).First();
        args = [.. args.TakeWhile(a => a != "--threads").Concat(args.SkipWhile(a => a != "--threads").Skip(2))
            .Where(a => a.Length > 0 && char.IsAsciiDigit(a[0]))];
        int trainingRows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        Report.Environment();

        var random = TreeEnsembleMother.Random(trees: 300, leaves: 31, Features);
        var rowMajor = TreeEnsembleMother.Matrix(Rows, Features);
        var featureMajor = TreeEnsembleMother.ToFeatureMajor(rowMajor, Rows, Features);
        bool ok = trainOnly || Score(random, rowMajor, featureMajor);
        if (scoreOnly) return ok ? 0 : 1;
        Train(trainingRows, threads, trainOnly);
        return ok ? 0 : 1;
    }

    private static bool Score(TreeEnsemble random, float[] rowMajor, float[] featureMajor)
    {
        Console.WriteLine($"random ensemble: {random.TreeCount} trees, {random.LeafCount / random.TreeCount} leaves, mean depth {MeanDepth(random):N1}");
        bool ok = Time("feature-major, 100 rows", 20_000, () => random.Score(featureMajor, Rows, MatrixLayout.FeatureMajor, Scratch), target: 150);
        Time("row-major, 100 rows", 20_000, () => random.Score(rowMajor, Rows, MatrixLayout.RowMajor, Scratch), target: null);
        // The kernels the machine does not pick on its own, on the same input: what a machine without 512-bit (or
        // 256-bit) vectors gets. A width the machine lacks would run in software, so only native ones are timed.
        if (System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated)
        {
            Time("feature-major, 100 rows, 8-lane bitvectors", 20_000,
                () => random.Score(featureMajor, Rows, MatrixLayout.FeatureMajor, Scratch, TreeKernel.Bitvectors8), target: null);
        }
        Time("feature-major, 100 rows, walking kernel", 5_000,
            () => random.Score(featureMajor, Rows, MatrixLayout.FeatureMajor, Scratch, TreeKernel.Walk), target: null);
        Time("single row × 100", 5_000, () =>
        {
            for (int r = 0; r < Rows; r++) Scratch[r] = random.Score(rowMajor.AsSpan(r * Features, Features));
        }, target: null);
        return ok;
    }

    private static void Train(int trainingRows, int threads, bool trainOnly)
    {
        var data = SyntheticRanking.Create(groups: trainingRows / 20, Features, seed: 1);
        var train = new RankingRows(data.Features, data.FeatureCount, data.Labels, data.Groups);
        var heldOutData = SyntheticRanking.Create(groups: 500, Features, seed: 2);
        var heldOut = new RankingRows(heldOutData.Features, heldOutData.FeatureCount, heldOutData.Labels, heldOutData.Groups);
        var options = new LambdaMartOptions { Trees = 300, Leaves = 31, Threads = threads };
        Console.WriteLine($"training: {train.RowCount:N0} rows in {train.GroupCount:N0} groups × {Features} features, {options.Trees} trees of {options.Leaves} leaves, {options.Threads} threads");
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var (result, mlModel, context) = LambdaMartTrainer.Fit(train, heldOut, options, new ConsoleProgress(), CancellationToken.None);
        cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Report.Line("training time (ML.NET LightGBM + conversion)", $"{result.Elapsed.TotalSeconds:N1} s wall, {cpu.TotalSeconds:N1} s CPU");
        Report.Line("held-out NDCG@10", $"{result.ValidationNdcg10:N4}");
        Report.Line("top features", string.Join(", ", result.Importance.Take(4).Select(i => $"{i.Name} {i.GainShare:P0}")));
        Console.WriteLine($"trained model: {result.Model.TreeCount} trees, mean depth {MeanDepth(result.Model):N1}");
        if (trainOnly) return;

        var trainedRows = heldOut.Features.AsSpan(0, Rows * Features).ToArray();
        var trainedFeatureMajor = TreeEnsembleMother.ToFeatureMajor(trainedRows, Rows, Features);
        Time("trained, feature-major, 100 rows", 20_000, () => result.Model.Score(trainedFeatureMajor, Rows, MatrixLayout.FeatureMajor, Scratch), target: null);
        var engine = context.Model.CreatePredictionEngine<LambdaMartTrainer.Row, Prediction>(mlModel,
            inputSchemaDefinition: LambdaMartTrainer.RowSchema(Features, groupCount: 1));
        var inputs = Enumerable.Range(0, Rows).Select(r => new LambdaMartTrainer.Row { Features = trainedRows.AsSpan(r * Features, Features).ToArray() }).ToArray();
        var output = new Prediction();
        Time("ML.NET PredictionEngine, 100 rows", 5_000, () =>
        {
            for (int r = 0; r < Rows; r++) engine.Predict(inputs[r], ref output);
        }, target: null);
    }

    private static readonly float[] Scratch = new float[Rows];

    private static bool Time(string label, int calls, Action call, double? target)
    {
        for (int i = 0; i < Math.Min(calls, 20_000); i++) call();
        GC.Collect();
        var ticks = new long[calls];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - t0;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        double mean = ticks.Average() * 1_000_000.0 / Stopwatch.Frequency;
        Array.Sort(ticks);
        double Us(double q) => ticks[Math.Min(calls - 1, (int)(q * calls))] * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine($"{label}: {calls:N0} calls");
        Report.Line("min / mean / p50 / p99", $"{Us(0):N1} / {mean:N1} / {Us(0.5):N1} / {Us(0.99):N1} µs");
        Report.Line("allocated per call", $"{(double)allocated / calls:N0} B");
        return target is not { } limit || Report.Target("p50", Us(0.5), limit, atMost: true, "µs");
    }

    private static double MeanDepth(TreeEnsemble model)
    {
        double sum = 0;
        for (int t = 0; t < model.TreeCount; t++) sum += model.Depth(t);
        return sum / model.TreeCount;
    }

    /// <summary>Prints progress in order, on the training thread.</summary>
    private sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine("  " + value);
    }

    /// <summary>ML.NET's output row: the ranking score column.</summary>
    private sealed class Prediction
    {
        public float Score { get; set; }
    }
}
