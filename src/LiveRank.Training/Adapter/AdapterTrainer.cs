using System.Diagnostics;
using LiveRank.Scoring.Adapter;

namespace LiveRank.Training.Adapter;

/// <summary>
/// Trains an <see cref="LmAdapter"/> on behaviour sequences: every position t ≥ 1 of a training sequence predicts
/// its item from the up to k items before it, with a softmax cross-entropy of the positive against the batch's other
/// positives and a shared set of sampled negatives, minimised by Adam. After each epoch the validation NDCG@10 is
/// measured in full ranking; training stops after <see cref="AdapterTrainingOptions.Patience"/> epochs without a
/// better one and returns the best epoch's parameters. The same data, options and seed give the same parameters bit
/// for bit, whatever <see cref="AdapterTrainingOptions.MaxThreads"/> is.
/// </summary>
public static class AdapterTrainer
{
    /// <exception cref="ArgumentException">The data or the options are invalid, or no sequence has two items.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between batches).</exception>
    public static AdapterTrainingResult Train(AdapterTrainingData data, AdapterTrainingOptions options, IProgress<AdapterEpoch>? progress = null,
        CancellationToken cancellationToken = default) =>
        Train(data, options, progress, validate: null, cancellationToken);

    /// <param name="validate">Replaces the validation NDCG@10 of each epoch's adapter (tests script a validation curve with it).</param>
    internal static AdapterTrainingResult Train(AdapterTrainingData data, AdapterTrainingOptions options, IProgress<AdapterEpoch>? progress,
        Func<LmAdapter, double>? validate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        data.Validate();
        options.Validate();
        var clock = Stopwatch.StartNew();

        var examples = Examples(data.Sequences);
        if (examples.Length == 0) throw new ArgumentException("No training sequence has two items: there is nothing to predict.", nameof(data));
        var counts = new int[data.ItemCount];
        var targetCounts = new int[data.ItemCount];
        foreach (var sequence in data.Sequences)
            foreach (int item in sequence) counts[item]++;
        foreach (var example in examples) targetCounts[data.Sequences[example.User][example.Position]]++;

        // Items that occur in training are warm and learn an offset; the others keep a zero one and are scored by
        // their LM vector alone, as any item added after training will be.
        var warm = new bool[data.ItemCount];
        for (int i = 0; i < warm.Length; i++) warm[i] = counts[i] > 0;

        var layout = new AdapterLayout(data.Dimension, options.Rank, options.Window, options.UseOffsets ? data.ItemCount : 0,
            options.LastItemTerm, options.ItemBias);
        float[] theta = layout.Initialise(options.Seed);
        var gradient = new float[layout.Length];
        var sampler = new NegativeSampler(counts, options.NegativeSampling);
        int batchSize = Math.Min(options.BatchSize, examples.Length);
        float[]? logQ = options.LogQCorrection ? LogQ(targetCounts, examples.Length, sampler, options, batchSize) : null;
        var objective = new AdapterObjective(layout, data.ItemVectors, data.Sequences, data.Weights, warm, batchSize, options.Negatives, options.MaxThreads);
        var adam = new AdamOptimizer(layout.Length, options.Beta1, options.Beta2, options.Epsilon, options.MaxThreads);
        var validator = new AdapterValidator(data, options.MaxThreads);
        var sampled = new int[options.Negatives];

        var epochs = new List<AdapterEpoch>();
        float[] best = (float[])theta.Clone();
        int bestEpoch = 0, sinceBest = 0;
        double bestNdcg = double.NaN;
        ulong seed = (ulong)(uint)options.Seed;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            var epochClock = Stopwatch.StartNew();
            var random = new TrainingRandom(TrainingRandom.Mix(seed, (ulong)epoch));
            double learningRate = options.LearningRate * Math.Pow(options.LearningRateDecay, epoch - 1);
            Shuffle(examples, ref random);
            double lossSum = 0;
            int batches = 0;
            for (int start = 0; start < examples.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(batchSize, examples.Length - start);
                for (int k = 0; k < sampled.Length; k++) sampled[k] = sampler.Next(ref random);
                lossSum += objective.Compute(theta, new ArraySegment<AdapterExample>(examples, start, count), sampled, options.InBatchNegatives, logQ,
                    (float)options.L2, (float)options.InputDropout, random.NextUInt64(), gradient);
                adam.Step(theta, gradient, learningRate);
                batches++;
            }

            var adapter = layout.ToAdapter(theta);
            double ndcg = validate is null ? validator.Ndcg10(adapter) : validate(adapter);
            var record = new AdapterEpoch(epoch, lossSum / batches, ndcg, epochClock.Elapsed);
            epochs.Add(record);
            progress?.Report(record);
            if (double.IsNaN(ndcg) || ndcg > bestNdcg || double.IsNaN(bestNdcg))
            {
                bestNdcg = ndcg;
                bestEpoch = epoch;
                sinceBest = 0;
                Array.Copy(theta, best, theta.Length);
            }
            else if (++sinceBest >= options.Patience)
            {
                break;
            }
        }
        return new AdapterTrainingResult(layout.ToAdapter(best), epochs, bestEpoch, bestNdcg, clock.Elapsed);
    }

    /// <summary>
    /// NDCG@10 of <paramref name="data"/>'s validation targets for <paramref name="adapter"/>, measured as training
    /// validates: full ranking, the user's items in <see cref="AdapterTrainingData.Sequences"/> masked. Pass the
    /// training plus validation items as sequences and the test items as targets to measure a test split.
    /// </summary>
    /// <returns>The mean over users with a target; NaN when there are none.</returns>
    /// <exception cref="ArgumentException">The data are invalid, or were not encoded for the adapter's dimension.</exception>
    public static double Ndcg10(LmAdapter adapter, AdapterTrainingData data, int maxThreads = 0)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(data);
        data.Validate();
        if (data.Dimension != adapter.Dimension)
            throw new ArgumentException($"The data's vectors have {data.Dimension} dimensions; the adapter reads {adapter.Dimension}.", nameof(data));
        return new AdapterValidator(data, maxThreads > 0 ? maxThreads : Environment.ProcessorCount).Ndcg10(adapter);
    }

    private static AdapterExample[] Examples(IReadOnlyList<int[]> sequences)
    {
        var examples = new List<AdapterExample>();
        for (int u = 0; u < sequences.Count; u++)
            for (int t = 1; t < sequences[u].Length; t++) examples.Add(new AdapterExample(u, t));
        return [.. examples];
    }

    private static void Shuffle(AdapterExample[] examples, ref TrainingRandom random)
    {
        for (int i = examples.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (examples[i], examples[j]) = (examples[j], examples[i]);
        }
    }

    /// <summary>
    /// log of an item's expected count among a batch's candidates: the batch's positives follow the training
    /// targets' frequencies, the sampled negatives the sampler's distribution. Items that can be neither keep 0.
    /// </summary>
    private static float[] LogQ(int[] targetCounts, int examples, NegativeSampler sampler, AdapterTrainingOptions options, int batchSize)
    {
        var logQ = new float[targetCounts.Length];
        for (int i = 0; i < logQ.Length; i++)
        {
            double expected = options.Negatives * sampler.Probabilities[i];
            if (options.InBatchNegatives) expected += batchSize * (double)targetCounts[i] / examples;
            logQ[i] = expected > 0 ? (float)Math.Log(expected) : 0f;
        }
        return logQ;
    }
}
