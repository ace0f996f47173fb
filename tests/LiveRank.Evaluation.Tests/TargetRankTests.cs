using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Tests;

public sealed class TargetRankTests
{
    [Fact]
    public void AmongAll_MaskedHigherItems_DoNotCount()
    {
        float[] scores = [5, 4, 3, 2, 1];
        bool[] excluded = [true, false, false, false, false];

        Assert.Equal(2, TargetRank.AmongAll(scores, 2, excluded, new Random(1)));
        Assert.Equal(3, TargetRank.AmongAll(scores, 2, new bool[5], new Random(1)));
    }

    [Fact]
    public void AmongAll_AllTied_RankIsUniformOverPositions()
    {
        var scores = new float[4];
        var seen = new HashSet<int>();
        var random = new Random(7);
        for (int i = 0; i < 200; i++) seen.Add(TargetRank.AmongAll(scores, 0, new bool[4], random));

        Assert.Equal([1, 2, 3, 4], seen.Order());
    }

    [Fact]
    public void AmongCandidates_NaNScores_RankLast()
    {
        float[] scores = [float.NaN, 0.1f, float.NaN];

        Assert.Equal(1, TargetRank.AmongCandidates(scores, 1, new Random(1)));
    }
}
