using System.Diagnostics;
using System.Globalization;
using LiveRank.Scoring.Trees;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace LiveRank.Training.Trees;

/// <summary>
/// Trains a LambdaMART ranker with ML.NET's LightGBM (lambdarank objective, gains 2^label − 1) and converts its trees
/// into a <see cref="TreeEnsemble"/>, which scores exactly as ML.NET's model does. LightGBM runs with missing-value
/// handling off (NaN is 0, as in the evaluator), no categorical splits, deterministic mode and column-wise histograms,
/// so a seed fixes the trees. Early stopping is done here, on NDCG@10 of the validation rows after every tree: ML.NET
/// pins LightGBM's own ranking metric to NDCG@5, which is not the metric we report.
/// </summary>
public static class LambdaMartTrainer
{
    private const int NdcgCutoff = 10;

    // Leaf covers (for contribution baselines) are counted on at most this many training rows, evenly strided.
    private const int CoverRows = 100_000;

    /// <exception cref="ArgumentException">Validation rows with another feature count than the training rows, or
    /// training rows with nothing to learn (no group with two different labels).</exception>
    /// <exception cref="InvalidOperationException">LightGBM found no split for its first tree.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (it is checked
    /// between steps: LightGBM's boosting rounds run to the end once started).</exception>
    public static LambdaMartResult Train(RankingRows train, RankingRows? validation, LambdaMartOptions options,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default) =>
        Fit(train, validation, options, progress, cancellationToken).Result;

    /// <summary><see cref="Train"/>, also handing back ML.NET's own model (tests compare its predictions with ours).</summary>
    internal static (LambdaMartResult Result, RankingPredictionTransformer<LightGbmRankingModelParameters> MlModel, MLContext Context) Fit(
        RankingRows train, RankingRows? validation, LambdaMartOptions options, IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (validation is not null && validation.FeatureCount != train.FeatureCount)
            throw new ArgumentException($"Validation rows have {validation.FeatureCount} features, training rows {train.FeatureCount}.", nameof(validation));
        if (!HasPairs(train))
            throw new ArgumentException("Nothing to learn: no group holds two different labels.", nameof(train));
        cancellationToken.ThrowIfCancellationRequested();

        var clock = Stopwatch.StartNew();
        // The context's seed drives ML.NET's sampling of rows for LightGBM's bin boundaries: part of determinism.
        var context = new MLContext(seed: options.Seed);

        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"LambdaMART: {train.RowCount:N0} rows in {train.GroupCount:N0} groups × {train.FeatureCount} features, {options.Trees} trees of {options.Leaves} leaves"));
        var trainer = context.Ranking.Trainers.LightGbm(TrainerOptions(options));
        // ML.NET offers cancellation only through its Experimental package, so the boosting itself runs to the end and
        // the token is honoured before and after it and between the later steps.
        RankingPredictionTransformer<LightGbmRankingModelParameters> mlModel;
        try
        {
            mlModel = trainer.Fit(ToDataView(context, train));
        }
        catch (ArgumentNullException e)
        {
            // LightGBM keeps a first tree that found no split as a single leaf, and ML.NET fails to wrap such a tree.
            throw new InvalidOperationException("LightGBM could not split even its first tree (too few rows for "
                + $"{nameof(LambdaMartOptions.MinimumExampleCountPerLeaf)} = {options.MinimumExampleCountPerLeaf}?), "
                + "and ML.NET cannot represent that model.", e);
        }
        cancellationToken.ThrowIfCancellationRequested();
        var trained = mlModel.Model.TrainedTreeEnsemble;
        progress?.Report(string.Create(CultureInfo.InvariantCulture, $"LightGBM trained {trained.Trees.Count} trees in {clock.Elapsed.TotalSeconds:F1} s"));

        var trees = UsableTrees(trained);
        var model = Convert(train.FeatureCount, trees, trees.Count, trained.Bias, train);
        double? validationNdcg = null;
        if (validation is not null)
        {
            int keep = options.EarlyStoppingRounds > 0 ? BestPrefix(model, validation, options.EarlyStoppingRounds, cancellationToken) : trees.Count;
            if (keep < trees.Count)
            {
                progress?.Report(string.Create(CultureInfo.InvariantCulture, $"Early stopping keeps {keep} of {trees.Count} trees"));
                model = Convert(train.FeatureCount, trees, keep, trained.Bias, train);
            }
            validationNdcg = Ndcg.Mean(validation, Scores(model, validation), NdcgCutoff);
            progress?.Report(string.Create(CultureInfo.InvariantCulture, $"Validation NDCG@10 {validationNdcg:F4}"));
        }

        var result = new LambdaMartResult
        {
            Model = model,
            Importance = Importance(trees, model.TreeCount, train.FeatureNames),
            Trees = model.TreeCount,
            Elapsed = clock.Elapsed,
            ValidationNdcg10 = validationNdcg,
        };
        return (result, mlModel, context);
    }

    /// <summary>Whether some group has rows of different relevance: without one, lambdarank has no pair to order.</summary>
    private static bool HasPairs(RankingRows rows)
    {
        var starts = rows.GroupStarts;
        for (int g = 0; g < rows.GroupCount; g++)
        {
            for (int r = starts[g] + 1; r < starts[g + 1]; r++)
            {
                if (rows.Labels[r] != rows.Labels[starts[g]]) return true;
            }
        }
        return false;
    }

    /// <summary>The rows as ML.NET's ranking trainers read them: Label, GroupId (a key) and a Features vector.</summary>
    internal static IDataView ToDataView(MLContext context, RankingRows rows) =>
        context.Data.LoadFromEnumerable(Enumerate(rows), RowSchema(rows.FeatureCount, rows.GroupCount));

    /// <summary>How ML.NET reads a <see cref="Row"/>: a fixed-size Features vector and GroupId as a key.</summary>
    internal static SchemaDefinition RowSchema(int featureCount, int groupCount)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        schema[nameof(Row.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(1, groupCount));
        return schema;
    }

    private static IEnumerable<Row> Enumerate(RankingRows rows)
    {
        var starts = rows.GroupStarts.ToArray();
        for (int g = 0; g < rows.GroupCount; g++)
        {
            for (int r = starts[g]; r < starts[g + 1]; r++)
            {
                // Key values count from 1 (0 is "missing"), so group g is key g + 1.
                yield return new Row { Label = rows.Labels[r], GroupId = (uint)g + 1, Features = rows.Row(r).ToArray() };
            }
        }
    }

    private static LightGbmRankingTrainer.Options TrainerOptions(LambdaMartOptions options)
    {
        var gains = new int[RankingRows.MaxLabel + 1];
        for (int label = 0; label < gains.Length; label++) gains[label] = (1 << label) - 1;
        return new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(Row.Label),
            FeatureColumnName = nameof(Row.Features),
            RowGroupColumnName = nameof(Row.GroupId),
            NumberOfIterations = options.Trees,
            NumberOfLeaves = options.Leaves,
            LearningRate = options.LearningRate,
            MinimumExampleCountPerLeaf = options.MinimumExampleCountPerLeaf,
            Seed = options.Seed,
            NumberOfThreads = options.Threads,
            Deterministic = true,
            // LightGBM otherwise times row- and column-wise histograms at start and keeps the faster: not repeatable.
            ForceColumnWise = true,
            HandleMissingValue = false,
            UseZeroAsMissingValue = false,
            UseCategoricalSplit = false,
            CustomGains = gains,
            EvaluationMetric = LightGbmRankingTrainer.Options.EvaluateMetricType.None,
            Silent = true,
            Verbose = false,
            Booster = new GradientBooster.Options
            {
                FeatureFraction = options.FeatureFraction,
                L2Regularization = options.L2,
            },
        };
    }

    /// <summary>
    /// The trees that contribute. ML.NET turns a LightGBM tree with a single leaf into an empty tree that outputs 0 (or,
    /// when the leaf is not 0, into two equal leaves under a dummy split, which converts like any other tree). Its
    /// public tree view fails on an empty tree, so one should never arrive here (LightGBM drops single-leaf trees
    /// except a first one, see <see cref="Fit"/>); should one, it is skipped: adding 0.0 changes no sum.
    /// </summary>
    private static List<RegressionTree> UsableTrees(RegressionTreeEnsemble trained)
    {
        var trees = new List<RegressionTree>(trained.Trees.Count);
        foreach (var tree in trained.Trees)
        {
            if (tree.NumberOfNodes == 0 || tree.LeftChild[0] == 0) continue;
            for (int i = 0; i < tree.NumberOfNodes; i++)
            {
                if (tree.CategoricalSplitFlags[i])
                    throw new NotSupportedException("The model has a categorical split; the tree evaluator handles numerical splits only.");
            }
            trees.Add(tree);
        }
        return trees;
    }

    private static TreeEnsemble Convert(int featureCount, List<RegressionTree> trees, int count, double bias, RankingRows coverRows)
    {
        var builder = new TreeEnsembleBuilder(featureCount) { Bias = bias };
        for (int t = 0; t < count; t++)
        {
            var tree = trees[t];
            builder.AddTree([.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds],
                [.. tree.LeftChild], [.. tree.RightChild], [.. tree.LeafValues]);
        }
        var unweighted = builder.Build();

        // Second pass with each leaf weighted by the training rows that reach it, for meaningful expected values.
        var weighted = new TreeEnsembleBuilder(featureCount) { Bias = bias };
        int stride = Math.Max(1, coverRows.RowCount / CoverRows);
        for (int t = 0; t < count; t++)
        {
            var tree = trees[t];
            var covers = new double[tree.NumberOfLeaves];
            for (int r = 0; r < coverRows.RowCount; r += stride) covers[TreeWalk.Leaf(unweighted, t, coverRows.Row(r))]++;
            weighted.AddTree([.. tree.NumericalSplitFeatureIndexes], [.. tree.NumericalSplitThresholds],
                [.. tree.LeftChild], [.. tree.RightChild], [.. tree.LeafValues], covers);
        }
        return weighted.Build();
    }

    /// <summary>
    /// The number of leading trees with the best validation NDCG@10, found the way LightGBM stops early: scanning tree by
    /// tree and giving up <paramref name="patience"/> trees after the last improvement.
    /// </summary>
    private static int BestPrefix(TreeEnsemble model, RankingRows validation, int patience, CancellationToken cancellationToken)
    {
        var scores = new double[validation.RowCount];
        double best = double.NegativeInfinity;
        int bestTrees = model.TreeCount;
        for (int t = 0; t < model.TreeCount; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int r = 0; r < validation.RowCount; r++) scores[r] += TreeWalk.Output(model, t, validation.Row(r));
            double ndcg = Ndcg.Mean(validation, scores, NdcgCutoff);
            if (ndcg > best)
            {
                best = ndcg;
                bestTrees = t + 1;
            }
            else if (t + 1 - bestTrees >= patience)
            {
                break;
            }
        }
        return bestTrees;
    }

    private static double[] Scores(TreeEnsemble model, RankingRows rows)
    {
        var scores = new float[rows.RowCount];
        model.Score(rows.Features, rows.RowCount, MatrixLayout.RowMajor, scores);
        return Array.ConvertAll(scores, s => (double)s);
    }

    private static FeatureImportance[] Importance(List<RegressionTree> trees, int count, IReadOnlyList<string> names)
    {
        var gain = new double[names.Count];
        for (int t = 0; t < count; t++)
        {
            var tree = trees[t];
            for (int i = 0; i < tree.NumberOfNodes; i++) gain[tree.NumericalSplitFeatureIndexes[i]] += tree.SplitGains[i];
        }
        double total = gain.Sum();
        return [.. Enumerable.Range(0, names.Count)
            .Select(f => new FeatureImportance(names[f], f, total > 0 ? gain[f] / total : 0))
            .OrderByDescending(i => i.GainShare)
            .ThenBy(i => i.Feature)];
    }

    /// <summary>One row as ML.NET's enumerable loader reads it (public fields: the loader binds them by reflection).</summary>
    internal sealed class Row
    {
        public float Label;
        public uint GroupId;
        public float[] Features = [];
    }
}
