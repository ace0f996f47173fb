using LiveRank.Scoring.Adapter;
using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

public sealed class AdapterTrainerTests
{
    private static AdapterTrainingOptions Small(int epochs = 20, int seed = 1, int threads = 2) => new()
    {
        Rank = 8,
        Window = 10,
        Epochs = epochs,
        BatchSize = 64,
        LearningRate = 0.01,
        Negatives = 32,
        Patience = 4,
        Seed = seed,
        MaxThreads = threads,
    };

    [Fact]
    public void Train_PlantedClusters_BeatsPopularityAndRanksColdItemsOfTheUsersCluster()
    {
        var planted = PlantedClusters.Create(seed: 1);

        var result = Train(planted.Data, Small());

        double popularity = planted.PopularityNdcg10();
        Assert.True(result.BestValidationNdcg10 > 0.3, $"adapter NDCG@10 {result.BestValidationNdcg10:F3}");
        Assert.True(result.BestValidationNdcg10 > 2 * popularity, $"adapter {result.BestValidationNdcg10:F3}, popularity {popularity:F3}");

        // Cold items never occurred in training: only their vectors place them. For each user, every cold item of
        // the user's cluster should score above the cold items of the other clusters.
        var adapter = result.Adapter;
        float[] codes = adapter.EncodeAllItems(planted.Data.ItemVectors);
        var user = new float[adapter.Rank];
        long pairs = 0, ordered = 0;
        for (int u = 0; u < planted.Data.Sequences.Count; u++)
        {
            Encode(adapter, planted.Data, u, user);
            for (int a = 0; a < planted.Data.ItemCount; a++)
            {
                if (!PlantedClusters.IsCold(a) || PlantedClusters.ClusterOf(a) != planted.UserCluster[u]) continue;
                float inside = adapter.Score(user, codes.AsSpan(a * adapter.Rank, adapter.Rank));
                for (int b = 0; b < planted.Data.ItemCount; b++)
                {
                    if (!PlantedClusters.IsCold(b) || PlantedClusters.ClusterOf(b) == planted.UserCluster[u]) continue;
                    pairs++;
                    if (inside > adapter.Score(user, codes.AsSpan(b * adapter.Rank, adapter.Rank))) ordered++;
                }
            }
        }
        Assert.True(ordered >= 0.95 * pairs, $"{ordered} of {pairs} cold pairs in the user's favour");
    }

    [Fact]
    public void Train_ColdItems_KeepZeroOffsets()
    {
        var planted = PlantedClusters.Create(seed: 2);

        var parameters = Train(planted.Data, Small(epochs: 2)).Adapter.GetParameters();

        int r = parameters.Rank;
        for (int item = 0; item < planted.Data.ItemCount; item++)
        {
            var offset = parameters.ItemOffsets.AsSpan(item * r, r).ToArray();
            if (PlantedClusters.IsCold(item)) Assert.All(offset, v => Assert.Equal(0f, v));
            else Assert.Contains(offset, v => v != 0f);
        }
    }

    [Fact]
    public void Train_SameSeed_BitIdenticalOnOneOrTwoThreads_OtherSeedDiffers()
    {
        var planted = PlantedClusters.Create(seed: 3, users: 120);

        AdapterTrainingOptions Options(int seed, int threads)
        {
            var options = Small(epochs: 3, seed, threads);
            options.LastItemTerm = true; // every parameter block takes part
            options.NegativeSampling = AdapterNegativeSampling.Uniform;
            return options;
        }

        var a = Train(planted.Data, Options(seed: 5, threads: 2)).Adapter.GetParameters();
        var b = Train(planted.Data, Options(seed: 5, threads: 1)).Adapter.GetParameters();
        var c = Train(planted.Data, Options(seed: 6, threads: 2)).Adapter.GetParameters();

        Assert.Equal(a.UserProjection, b.UserProjection);
        Assert.Equal(a.LastItemProjection, b.LastItemProjection);
        Assert.Equal(a.ItemProjection, b.ItemProjection);
        Assert.Equal(a.ItemOffsets, b.ItemOffsets);
        Assert.Equal(a.PositionBias, b.PositionBias);
        Assert.Equal(a.Query, b.Query);
        Assert.Equal(a.EventWeight, b.EventWeight);
        Assert.Contains(a.LastItemProjection, v => v != 0f);
        Assert.NotEqual(a.ItemProjection, c.ItemProjection);
    }

    [Fact]
    public void Train_LaterEpochsValidateWorse_StopsAfterPatienceAndReturnsTheBestEpochsParameters()
    {
        var planted = PlantedClusters.Create(seed: 4, users: 120);
        var options = Small(epochs: 30);
        double[] curve = [0.10, 0.30, 0.20, 0.25, 0.29, 0.05, 0.40];
        var seen = new List<LmAdapterParameters>();

        var result = AdapterTrainer.Train(planted.Data, options, null, adapter =>
        {
            seen.Add(adapter.GetParameters());
            return curve[seen.Count - 1];
        }, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.BestEpoch);
        Assert.Equal(2 + options.Patience, result.Epochs.Count); // epoch 7's 0.40 is never reached
        Assert.Equal(0.30, result.BestValidationNdcg10);
        Assert.Equal(curve[..result.Epochs.Count], result.Epochs.Select(e => e.ValidationNdcg10));
        var best = result.Adapter.GetParameters();
        Assert.Equal(seen[1].ItemProjection, best.ItemProjection);
        Assert.Equal(seen[1].ItemOffsets, best.ItemOffsets);
        Assert.NotEqual(seen[^1].ItemProjection, best.ItemProjection);
    }

    [Fact]
    public void Train_RealValidation_BestEpochHoldsTheMaximumAndTheAdapterReproducesIt()
    {
        var planted = PlantedClusters.Create(seed: 4, users: 120);

        var result = Train(planted.Data, Small(epochs: 8));

        Assert.Equal(result.Epochs.Max(e => e.ValidationNdcg10), result.BestValidationNdcg10);
        Assert.Equal(result.Epochs[result.BestEpoch - 1].ValidationNdcg10, result.BestValidationNdcg10);
        Assert.Equal(result.BestValidationNdcg10, AdapterTrainer.Ndcg10(result.Adapter, planted.Data));
    }

    [Fact]
    public void Train_NoValidationTargets_TrainsEveryEpochAndKeepsTheLast()
    {
        var planted = PlantedClusters.Create(seed: 5, users: 60);
        var data = new AdapterTrainingData
        {
            ItemCount = planted.Data.ItemCount,
            Dimension = planted.Data.Dimension,
            ItemVectors = planted.Data.ItemVectors,
            Sequences = planted.Data.Sequences,
            ValidationTargets = [],
        };
        var reported = new List<AdapterEpoch>();

        var result = Train(data, Small(epochs: 3), new Recorder(reported));

        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(3, result.BestEpoch);
        Assert.True(double.IsNaN(result.BestValidationNdcg10));
        Assert.Equal(result.Epochs, reported);
        Assert.All(result.Epochs, e => Assert.True(double.IsFinite(e.TrainingLoss) && e.TrainingLoss > 0));
    }

    [Fact]
    public void Train_WithEventWeights_LearnsAndStaysFinite()
    {
        var planted = PlantedClusters.Create(seed: 6, users: 120);
        var data = new AdapterTrainingData
        {
            ItemCount = planted.Data.ItemCount,
            Dimension = planted.Data.Dimension,
            ItemVectors = planted.Data.ItemVectors,
            Sequences = planted.Data.Sequences,
            Weights = [.. planted.Data.Sequences.Select(s => s.Select((_, j) => j % 3 == 0 ? -1f : 1f).ToArray())],
            ValidationTargets = planted.Data.ValidationTargets,
        };

        var result = Train(data, Small(epochs: 4));

        Assert.True(result.BestValidationNdcg10 > planted.PopularityNdcg10());
        Assert.NotEqual(0f, result.Adapter.GetParameters().EventWeight);
    }

    [Fact]
    public void Train_Cancelled_Throws()
    {
        var planted = PlantedClusters.Create(seed: 7, users: 60);

        Assert.Throws<OperationCanceledException>(() => AdapterTrainer.Train(planted.Data, Small(), progress: null, new CancellationToken(canceled: true)));
    }

    [Theory]
    [InlineData(nameof(AdapterTrainingOptions.Rank), 0)]
    [InlineData(nameof(AdapterTrainingOptions.Rank), 1)] // with the item bias
    [InlineData(nameof(AdapterTrainingOptions.Window), 0)]
    [InlineData(nameof(AdapterTrainingOptions.BatchSize), 0)]
    [InlineData(nameof(AdapterTrainingOptions.Patience), 0)]
    [InlineData(nameof(AdapterTrainingOptions.MaxThreads), 0)]
    [InlineData(nameof(AdapterTrainingOptions.Negatives), -1)]
    public void Validate_OutOfRange_ThrowsNamingTheOption(string option, int value)
    {
        var options = new AdapterTrainingOptions();
        typeof(AdapterTrainingOptions).GetProperty(option)!.SetValue(options, value);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void Validate_DropoutOfOne_Throws()
    {
        Assert.Throws<ArgumentException>(new AdapterTrainingOptions { InputDropout = 1 }.Validate);
        Assert.Throws<ArgumentException>(new AdapterTrainingOptions { LearningRate = 0 }.Validate);
    }

    [Fact]
    public void Train_ItemOutOfRangeOrShapeMismatch_ThrowsArgumentException()
    {
        var planted = PlantedClusters.Create(seed: 8, users: 10);
        AdapterTrainingData With(IReadOnlyList<int[]> sequences, IReadOnlyList<float[]>? weights = null, int dimension = PlantedClusters.Dimension) => new()
        {
            ItemCount = planted.Data.ItemCount,
            Dimension = dimension,
            ItemVectors = planted.Data.ItemVectors,
            Sequences = sequences,
            Weights = weights,
            ValidationTargets = [],
        };

        Assert.Throws<ArgumentException>(() => Train(With([[0, planted.Data.ItemCount]]), Small()));
        Assert.Throws<ArgumentException>(() => Train(With([[0, 1]], weights: [[1f]]), Small()));
        Assert.Throws<ArgumentException>(() => Train(With([[0, 1]], dimension: 15), Small()));
        Assert.Throws<ArgumentException>(() => Train(With([[0], [1]]), Small())); // nothing to predict
    }

    private static AdapterTrainingResult Train(AdapterTrainingData data, AdapterTrainingOptions options, IProgress<AdapterEpoch>? progress = null) =>
        AdapterTrainer.Train(data, options, progress, TestContext.Current.CancellationToken);

    private static void Encode(LmAdapter adapter, AdapterTrainingData data, int u, float[] user)
    {
        int[] sequence = data.Sequences[u];
        int first = Math.Max(0, sequence.Length - adapter.Window);
        float[] history = [.. sequence[first..].SelectMany(i => data.ItemVectors.AsSpan(i * data.Dimension, data.Dimension).ToArray())];
        adapter.EncodeUser(history, [], user);
    }

    private sealed class Recorder(List<AdapterEpoch> epochs) : IProgress<AdapterEpoch>
    {
        public void Report(AdapterEpoch value) => epochs.Add(value);
    }
}
