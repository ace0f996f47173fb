using LiveRank.Scoring.Trees;
using LiveRank.Testing.Trees;
using LiveRank.Training.Trees;

namespace LiveRank.Training.Tests.Trees;

public class LambdaMartTrainerTests(SyntheticModelFixture fixture) : IClassFixture<SyntheticModelFixture>
{
    [Fact]
    public void Train_PlantedRelevance_HeldOutNdcg10FarAboveRandom()
    {
        var heldOut = fixture.HeldOut;
        double model = Ndcg.Mean(heldOut, Scores(fixture.Result.Model, heldOut), 10);
        var random = new Random(3);
        double shuffled = 0;
        for (int i = 0; i < 20; i++)
        {
            var noise = new double[heldOut.RowCount];
            for (int r = 0; r < noise.Length; r++) noise[r] = random.NextDouble();
            shuffled += Ndcg.Mean(heldOut, noise, 10) / 20;
        }

        Assert.Equal(model, fixture.Result.ValidationNdcg10!.Value, 12);
        Assert.True(model > shuffled + 0.25, $"NDCG@10 {model:F3} against {shuffled:F3} for random order");
        Assert.True(model > 0.85, $"NDCG@10 {model:F3}");
    }

    [Fact]
    public void Model_HeldOutRows_ScoresEqualMlNetPredictionInEveryLayout()
    {
        var rows = fixture.HeldOut;
        var model = fixture.Result.Model;
        float[] expected = fixture.MlNetScores(rows);
        var byRow = new float[rows.RowCount];
        var byFeature = new float[rows.RowCount];

        model.Score(rows.Features, rows.RowCount, MatrixLayout.RowMajor, byRow);
        model.Score(TreeEnsembleMother.ToFeatureMajor(rows.Features, rows.RowCount, rows.FeatureCount), rows.RowCount,
            MatrixLayout.FeatureMajor, byFeature);

        Assert.Equal(fixture.Result.Trees, model.TreeCount);
        for (int r = 0; r < rows.RowCount; r++)
        {
            AssertClose(expected[r], model.Score(rows.Row(r)), r);
            AssertClose(expected[r], byRow[r], r);
            AssertClose(expected[r], byFeature[r], r);
        }
    }

    [Fact]
    public void Model_RowsWithNaNAndThresholdValues_ScoresEqualMlNetPrediction()
    {
        var rows = fixture.HeldOut;
        var model = fixture.Result.Model;
        var features = (float[])rows.Features.Clone();
        // Every third row gets NaNs; every fifth gets a split's own threshold, the value where <= and < part ways.
        for (int r = 0; r < rows.RowCount; r++)
        {
            if (r % 3 == 0) features[r * rows.FeatureCount + r % rows.FeatureCount] = float.NaN;
            if (r % 5 == 0)
            {
                int split = r % model.NodeCount;
                features[r * rows.FeatureCount + model.SplitFeatures[split]] = model.Thresholds[split];
            }
        }
        float[] expected = fixture.MlNetScores(features, rows.FeatureCount);
        var scores = new float[rows.RowCount];

        model.Score(TreeEnsembleMother.ToFeatureMajor(features, rows.RowCount, rows.FeatureCount), rows.RowCount,
            MatrixLayout.FeatureMajor, scores);

        for (int r = 0; r < rows.RowCount; r++)
        {
            AssertClose(expected[r], scores[r], r);
            AssertClose(expected[r], model.Score(features.AsSpan(r * rows.FeatureCount, rows.FeatureCount)), r);
        }
    }

    [Fact]
    public void Importance_PlantedRelevance_PlantedFeaturesOnTop()
    {
        var importance = fixture.Result.Importance;

        Assert.Equal(fixture.Train.FeatureCount, importance.Count);
        Assert.Equal(["planted1", "planted4", "planted7"], importance.Take(3).Select(i => i.Name).Order());
        Assert.True(importance.Take(3).Sum(i => i.GainShare) > 0.8, string.Join(", ", importance.Select(i => $"{i.Name} {i.GainShare:F3}")));
        Assert.Equal(1.0, importance.Sum(i => i.GainShare), 9);
        Assert.True(importance.Zip(importance.Skip(1)).All(p => p.First.GainShare >= p.Second.GainShare));
    }

    [Fact]
    public void Model_TrainedTrees_ContributionsAddUpToScore()
    {
        var model = fixture.Result.Model;
        var rows = fixture.HeldOut;
        var parts = new float[rows.FeatureCount];

        for (int r = 0; r < 50; r++)
        {
            model.Contributions(rows.Row(r), parts);
            double total = model.ExpectedValue + parts.Sum(p => (double)p);
            Assert.Equal(model.Score(rows.Row(r)), total, 4);
        }
    }

    [Fact]
    public void Train_SameSeed_IdenticalModelBytes()
    {
        var data = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 150, seed: 9));
        // Feature and bagging fractions below 1 make the seed matter; two threads exercise LightGBM's parallel paths.
        var options = new LambdaMartOptions { Trees = 40, Leaves = 15, FeatureFraction = 0.7, Threads = 2, Seed = 42 };

        byte[] first = Bytes(LambdaMartTrainer.Train(data, null, options, cancellationToken: TestContext.Current.CancellationToken).Model);
        byte[] second = Bytes(LambdaMartTrainer.Train(data, null, options, cancellationToken: TestContext.Current.CancellationToken).Model);
        byte[] otherSeed = Bytes(LambdaMartTrainer.Train(data, null, new LambdaMartOptions
        {
            Trees = 40, Leaves = 15, FeatureFraction = 0.7, Threads = 2, Seed = 43,
        }, cancellationToken: TestContext.Current.CancellationToken).Model);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Train_EarlyStopping_KeepsBestPrefixOnValidation()
    {
        var train = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 150, seed: 11));
        var validation = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 60, seed: 12));
        var progress = new List<string>();
        // A high learning rate on little data overfits within a few dozen trees.
        var options = new LambdaMartOptions
        {
            Trees = 200, Leaves = 31, LearningRate = 0.5, MinimumExampleCountPerLeaf = 5, Threads = 1, EarlyStoppingRounds = 10,
        };

        var result = LambdaMartTrainer.Train(train, validation, options, new SynchronousProgress(progress), TestContext.Current.CancellationToken);

        Assert.InRange(result.Trees, 1, 199);
        Assert.Equal(result.Trees, result.Model.TreeCount);
        Assert.NotNull(result.ValidationNdcg10);
        Assert.Contains(progress, line => line.StartsWith("Early stopping keeps", StringComparison.Ordinal));
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public void Train_NoGroupWithTwoLabels_ThrowsNothingToLearn()
    {
        var data = SyntheticRanking.Create(groups: 30, seed: 4);
        var rows = new RankingRows(data.Features, data.FeatureCount, new float[data.Labels.Length], data.Groups);

        var e = Assert.Throws<ArgumentException>(() =>
            LambdaMartTrainer.Train(rows, null, new LambdaMartOptions { Threads = 1 }, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Nothing to learn", e.Message);
    }

    [Fact]
    public void Train_TooFewRowsForOneSplit_ThrowsInvalidOperation()
    {
        // ML.NET cannot wrap a first tree without a split (it throws ArgumentNullException); the trainer says why.
        var rows = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 10, seed: 4));

        var e = Assert.Throws<InvalidOperationException>(() => LambdaMartTrainer.Train(rows, null,
            new LambdaMartOptions { Trees = 3, MinimumExampleCountPerLeaf = 10_000, Threads = 1 },
            cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(nameof(LambdaMartOptions.MinimumExampleCountPerLeaf), e.Message);
    }

    [Fact]
    public void Train_ValidationWithOtherFeatureCount_Throws()
    {
        var train = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 5, seed: 1));
        var validation = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 5, featureCount: 12, seed: 1));

        Assert.Throws<ArgumentException>(() => LambdaMartTrainer.Train(train, validation, new LambdaMartOptions(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Train_CancelledToken_Throws()
    {
        var train = SyntheticModelFixture.Rows(SyntheticRanking.Create(groups: 5, seed: 1));

        Assert.Throws<OperationCanceledException>(() =>
            LambdaMartTrainer.Train(train, null, new LambdaMartOptions(), cancellationToken: new CancellationToken(canceled: true)));
    }

    private static void AssertClose(float expected, float actual, int row)
    {
        double tolerance = 1e-5 * Math.Max(Math.Abs(expected), 1e-6);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"Row {row}: ML.NET {expected:R}, ours {actual:R}");
    }

    private static double[] Scores(TreeEnsemble model, RankingRows rows)
    {
        var scores = new float[rows.RowCount];
        model.Score(rows.Features, rows.RowCount, MatrixLayout.RowMajor, scores);
        return Array.ConvertAll(scores, s => (double)s);
    }

    private static byte[] Bytes(TreeEnsemble model)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream)) model.Write(writer);
        return stream.ToArray();
    }

    /// <summary>Records reports on the reporting thread (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value) => lines.Add(value);
    }
}
