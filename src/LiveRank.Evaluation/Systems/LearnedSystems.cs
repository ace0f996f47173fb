using System.Globalization;
using System.Runtime.CompilerServices;
using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring.Models;
using LiveRank.Training.Models;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// LiveRank's trained model as the harness names it — <c>liverank</c> — and its ablations: without the LM features,
/// without the sequential features, without the adapter, the adapter alone (no LambdaMART), and each retriever's own
/// score alone (<c>retriever-covis</c>, …, read from the full model's features, so they need no training of their own).
/// </summary>
public static class LearnedSystems
{
    public const string Full = "liverank";
    public const string WithoutLm = "liverank-no-lm";
    public const string WithoutSequential = "liverank-no-seq";
    public const string WithoutAdapter = "liverank-no-adapter";
    public const string AdapterAlone = "liverank-adapter";
    public const string RetrieverPrefix = "retriever-";

    public static readonly string[] Ablations = [WithoutLm, WithoutSequential, WithoutAdapter, AdapterAlone];

    public static readonly string[] Retrievers = [.. RankingFeatures.Retrievers.Select(r => RetrieverPrefix + r)];

    public static readonly string[] Names = [Full, .. Ablations, .. Retrievers];

    public static bool IsKnown(string name) => Array.IndexOf(Names, name) >= 0;

    private static readonly ConditionalWeakTable<LeaveOneOutSplit, Dictionary<string, ModelTrainingResult>> Trained = new();

    /// <summary>Training options of a named system (the retriever-alone systems read the full model).</summary>
    public static ModelTrainingOptions OptionsFor(string name, int seed) => name switch
    {
        WithoutLm => new ModelTrainingOptions { UseLanguageModel = false, Seed = seed },
        WithoutSequential => new ModelTrainingOptions { MaskedFeatures = RankingFeatures.SequentialColumns, Seed = seed },
        WithoutAdapter => new ModelTrainingOptions { MaskedFeatures = RankingFeatures.AdapterColumns, Seed = seed },
        AdapterAlone => new ModelTrainingOptions { UseCombiner = false, Seed = seed },
        _ => new ModelTrainingOptions { Seed = seed },
    };

    private static string TrainingKey(string name) => name.StartsWith(RetrieverPrefix, StringComparison.Ordinal) ? Full : name;

    /// <summary>
    /// Trains (or reuses, within one split) the named system on each user's input — train + validation — without the
    /// items <paramref name="excludeItem"/> names (P4's cold items: they stay in the catalog with their text).
    /// </summary>
    public static LearnedSystem Build(string name, LeaveOneOutSplit split, LiveRankSetup setup, Func<int, bool>? excludeItem = null,
        string? exclusionKey = null, IProgress<string>? progress = null)
    {
        var (vectors, dimension) = ServiceItemVectors.Load(split, setup, progress);
        string key = TrainingKey(name) + "|" + (exclusionKey ?? "");
        var cache = Trained.GetOrCreateValue(split);
        ModelTrainingResult? result;
        lock (cache) cache.TryGetValue(key, out result);
        if (result is null)
        {
            var log = LearnedTrainingLog.FromSplit(split, setup, vectors, dimension, excludeItem);
            result = ModelTrainer.Train(log, OptionsFor(TrainingKey(name), seed: 1),
                new Progress<TrainingProgress>(p => progress?.Report($"{name}: {p.Line}")));
            lock (cache) cache[key] = result;
        }
        int column = name.StartsWith(RetrieverPrefix, StringComparison.Ordinal)
            ? RankingFeatures.RetrieverColumn(Array.IndexOf(RankingFeatures.Retrievers, name[RetrieverPrefix.Length..]))
            : -1;
        return new LearnedSystem(name, split, setup, result, new SplitItemSpace(split, result.Model, vectors, dimension), column);
    }

    /// <summary>What the report lists as the system's settings.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(LearnedSystem system)
    {
        var r = system.Training.Report;
        var list = new List<KeyValuePair<string, string>>
        {
            new("model", system.Training.Model.Metadata.Label),
            new("training", string.Create(CultureInfo.InvariantCulture, $"{r.TrainingGroups:N0} groups, {r.TrainingRows:N0} rows, {r.TotalSeconds:F0} s")),
            new("validation", string.Create(CultureInfo.InvariantCulture, $"NDCG@10 {r.ValidationNdcg10:F4}, union recall {r.ValidationRecall:F3} over {r.ValidationMeanCandidates:F0} candidates")),
        };
        if (r.EncoderModel.Length > 0) list.Add(new("encoder", r.EncoderModel));
        if (r.AdapterValidationNdcg10 is double adapter) list.Add(new("adapter validation NDCG@10", adapter.ToString("F4", CultureInfo.InvariantCulture)));
        if (r.Importance.Count > 0)
            list.Add(new("top features", string.Join(", ", r.Importance.Take(8).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:P1}")))));
        return list;
    }
}
