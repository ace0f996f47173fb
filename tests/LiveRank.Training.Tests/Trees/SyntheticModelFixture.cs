using LiveRank.Testing.Trees;
using LiveRank.Training.Trees;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;

namespace LiveRank.Training.Tests.Trees;

/// <summary>One LambdaMART model trained on <see cref="SyntheticRanking"/> (400 groups), shared by a test class.</summary>
public sealed class SyntheticModelFixture
{
    public SyntheticModelFixture()
    {
        Train = Rows(SyntheticRanking.Create(groups: 400, seed: 1));
        HeldOut = Rows(SyntheticRanking.Create(groups: 100, seed: 2));
        (Result, MlModel, Context) = LambdaMartTrainer.Fit(Train, HeldOut, Options, progress: null, CancellationToken.None);
    }

    public static LambdaMartOptions Options { get; } = new()
    {
        Trees = 120,
        Leaves = 15,
        LearningRate = 0.1,
        MinimumExampleCountPerLeaf = 20,
        // One LightGBM thread: on a shared 2-core machine its OpenMP threads spin-wait and two run 3–5× slower than one.
        Threads = 1,
        Seed = 5,
    };

    public RankingRows Train { get; }

    public RankingRows HeldOut { get; }

    public LambdaMartResult Result { get; }

    internal RankingPredictionTransformer<LightGbmRankingModelParameters> MlModel { get; }

    public MLContext Context { get; }

    public static RankingRows Rows(SyntheticRanking data) =>
        new(data.Features, data.FeatureCount, data.Labels, data.Groups,
            [.. Enumerable.Range(0, data.FeatureCount).Select(f => SyntheticRanking.PlantedFeatures.Contains(f) ? $"planted{f}" : $"noise{f}")]);

    /// <summary>ML.NET's own prediction for every row of <paramref name="rows"/>.</summary>
    public float[] MlNetScores(RankingRows rows) =>
        [.. MlModel.Transform(LambdaMartTrainer.ToDataView(Context, rows)).GetColumn<float>("Score")];

    /// <summary>ML.NET's prediction for raw row-major features, NaN allowed (which <see cref="RankingRows"/> refuses).</summary>
    public float[] MlNetScores(float[] features, int featureCount)
    {
        var schema = SchemaDefinition.Create(typeof(FeaturesOnly));
        schema[nameof(FeaturesOnly.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        var rows = Enumerable.Range(0, features.Length / featureCount)
            .Select(r => new FeaturesOnly { Features = features.AsSpan(r * featureCount, featureCount).ToArray() });
        return [.. MlModel.Transform(Context.Data.LoadFromEnumerable(rows, schema)).GetColumn<float>("Score")];
    }

    private sealed class FeaturesOnly
    {
        public float[] Features = [];
    }
}
