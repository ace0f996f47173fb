using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Tests;

public sealed class RankMetricsTests
{
    [Theory]
    [InlineData(1, 10, 1.0)]
    [InlineData(3, 5, 0.5)]                 // 1 / log2(4)
    [InlineData(7, 10, 0.3333333333333333)] // 1 / log2(8)
    [InlineData(2, 1, 0.0)]
    [InlineData(11, 10, 0.0)]
    [InlineData(15, 20, 0.25)]              // 1 / log2(16)
    public void Ndcg_Rank_IsInverseLog2(int rank, int k, double expected) =>
        Assert.Equal(expected, RankMetrics.Ndcg(rank, k), 12);

    [Theory]
    [InlineData(1, 1, 1.0)]
    [InlineData(4, 5, 0.25)]
    [InlineData(5, 5, 0.2)]
    [InlineData(6, 5, 0.0)]
    public void Mrr_Rank_IsInverseRankWithinK(int rank, int k, double expected) =>
        Assert.Equal(expected, RankMetrics.Mrr(rank, k), 12);

    [Theory]
    [InlineData(10, 10, 1.0)]
    [InlineData(11, 10, 0.0)]
    [InlineData(1, 1, 1.0)]
    public void RecallAndHitRate_OneRelevantItem_AreTheHitIndicator(int rank, int k, double expected)
    {
        Assert.Equal(expected, RankMetrics.Recall(rank, k));
        Assert.Equal(expected, RankMetrics.HitRate(rank, k));
    }

    [Fact]
    public void Compute_Rank3_FillsEveryNameInOrder()
    {
        var values = new double[RankMetrics.Names.Length];
        RankMetrics.Compute(3, values);
        var byName = RankMetrics.Names.Zip(values).ToDictionary(p => p.First, p => p.Second);

        Assert.Equal(16, values.Length);
        Assert.Equal(0.0, byName["NDCG@1"]);
        Assert.Equal(0.5, byName["NDCG@5"], 12);
        Assert.Equal(1.0 / 3, byName["MRR@10"], 12);
        Assert.Equal(1.0, byName["Recall@5"]);
        Assert.Equal(0.0, byName["HR@1"]);
    }

    [Fact]
    public void AddRank_TwoUsersTwoSeeds_AveragesPerUser()
    {
        var metrics = new UserMetrics(2);
        metrics.AddRank(0, 1, 0.5);
        metrics.AddRank(0, 3, 0.5);
        metrics.AddRank(1, 30, 0.5);
        metrics.AddRank(1, 30, 0.5);

        Assert.Equal(0.75, metrics["NDCG@5"][0], 12);   // (1 + 0.5) / 2
        Assert.Equal(0.0, metrics["NDCG@5"][1]);
        Assert.Equal(0.375, metrics.Mean("NDCG@5"), 12);
        Assert.Equal(0.5, metrics["Recall@1"][0], 12);
    }
}
