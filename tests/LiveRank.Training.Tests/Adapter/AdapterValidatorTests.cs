using LiveRank.Scoring.Adapter;
using LiveRank.Training.Adapter;

namespace LiveRank.Training.Tests.Adapter;

public sealed class AdapterValidatorTests
{
    [Theory]
    [InlineData(0, 0, 1.0)]
    [InlineData(1, 0, 0.63092975357)]  // 1/log2(3)
    [InlineData(9, 0, 0.28906482631)]  // rank 10: 1/log2(11)
    [InlineData(10, 0, 0.0)]           // rank 11
    [InlineData(0, 1, 0.81546487678)]  // ranks 1 or 2: (1 + 1/log2 3)/2
    [InlineData(9, 2, 0.09635494210)]  // ranks 10, 11, 12: (1/log2 11)/3
    public void ExpectedGain_HandComputed(int greater, int ties, double expected)
    {
        Assert.Equal(expected, AdapterValidator.ExpectedGain(greater, ties), 10);
    }

    [Fact]
    public void Ndcg10_MasksTrainingItems_NeverTheTarget()
    {
        // d = r = 2, A = B = I, attention uniform: h = x_last, s_i = e_i·x. Item vectors at angles 0°, 10°, 20°, 90°.
        var parameters = new LmAdapterParameters(dimension: 2, rank: 2, window: 1, itemCount: 0, lastItemTerm: false, itemBias: false);
        parameters.UserProjection[0] = parameters.UserProjection[3] = 1;
        parameters.ItemProjection[0] = parameters.ItemProjection[3] = 1;
        var adapter = new LmAdapter(parameters);
        float[] vectors = [.. Unit(0), .. Unit(10), .. Unit(20), .. Unit(90)];
        var data = new AdapterTrainingData
        {
            ItemCount = 4,
            Dimension = 2,
            ItemVectors = vectors,
            // User 0 saw item 0: item 1 is ranked first. User 1 saw 3 then 0 and wants 2: item 1 is above it (rank 2).
            // User 2 wants item 0, which is also in its history: never masked, rank 1.
            Sequences = [[0], [3, 0], [0]],
            ValidationTargets = [1, 2, 0],
        };

        double ndcg = AdapterTrainer.Ndcg10(adapter, data, maxThreads: 1);

        Assert.Equal((1.0 + 1.0 / Math.Log2(3) + 1.0) / 3, ndcg, 10);
    }

    private static float[] Unit(double degrees) => [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];
}
