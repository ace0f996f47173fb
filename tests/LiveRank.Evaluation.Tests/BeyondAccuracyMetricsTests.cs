using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Tests;

public sealed class BeyondAccuracyMetricsTests
{
    [Fact]
    public void Coverage_IsDistinctItemsOverCatalog() =>
        Assert.Equal(0.6, BeyondAccuracyMetrics.Coverage([[0, 1], [1, 2]], catalogSize: 5), 12);

    [Fact]
    public void IntraListDiversity_IsOneMinusMeanPairwiseCosine()
    {
        // (1,0), (0,1), (1,1)/√2 after normalisation: cosines 0, 1/√2, 1/√2, mean √2/3.
        var vectors = ItemVectors.FromRows([1f, 0f], [0f, 1f], [3f, 3f]);

        double ild = BeyondAccuracyMetrics.IntraListDiversity([0, 1, 2], vectors);

        Assert.Equal(1 - Math.Sqrt(2) / 3, ild, 6);
        Assert.Equal(0, BeyondAccuracyMetrics.IntraListDiversity([2], vectors));
        Assert.Equal(1, BeyondAccuracyMetrics.IntraListDiversity([0, 1], vectors), 6);
    }

    [Fact]
    public void Novelty_IsMeanSelfInformation_NeverSeenCountsOnce()
    {
        // Counts 6, 2, 0 of 8: −log2(6/8), −log2(2/8) = 2, −log2(1/8) = 3.
        var information = BeyondAccuracyMetrics.SelfInformation([6, 2, 0]);

        Assert.Equal([-Math.Log2(0.75), 2, 3], information);
        Assert.Equal((-Math.Log2(0.75) + 2) / 2, BeyondAccuracyMetrics.Novelty([0, 1], information), 12);
    }

    [Fact]
    public void AlphaNdcg_HandComputed()
    {
        // Genres: 0 {A}, 1 {A,B}, 2 {B}, 3 {C}, 4 none. Subtopics = genres of the held-out item 1 = {A, B}, α = ½.
        var genres = new ItemGenres([["A"], ["A", "B"], ["B"], ["C"], []]);
        int[] target = [.. genres.Of(1)];

        double value = BeyondAccuracyMetrics.AlphaNdcg([3, 0, 2], target, genres, k: 3);

        // List: 3 gains 0; 0 gains 1 (A new) at rank 2; 2 gains 1 (B new) at rank 3.
        double dcg = 1 / Math.Log2(3) + 1 / Math.Log2(4);
        // Greedy ideal: {A,B} gains 2 at rank 1; then {A} gains ½ (A seen once); then {B} gains ½.
        double ideal = 2 + 0.5 / Math.Log2(3) + 0.5 / Math.Log2(4);
        Assert.Equal(dcg / ideal, value, 12);
    }

    [Fact]
    public void AlphaNdcg_RedundancyIsPenalised()
    {
        var genres = new ItemGenres([["A"], ["A"], ["B"], ["A", "B"]]);
        int[] target = [.. genres.Of(3)];

        double redundant = BeyondAccuracyMetrics.AlphaNdcg([0, 1], target, genres, k: 2);
        double diverse = BeyondAccuracyMetrics.AlphaNdcg([0, 2], target, genres, k: 2);

        // [0,1]: 1 + ½/log2(3); [0,2]: 1 + 1/log2(3); ideal: {A,B} 2, then ½ (A or B seen once) → 2 + ½/log2(3).
        double ideal = 2 + 0.5 / Math.Log2(3);
        Assert.Equal((1 + 0.5 / Math.Log2(3)) / ideal, redundant, 12);
        Assert.Equal((1 + 1 / Math.Log2(3)) / ideal, diverse, 12);
    }

    [Fact]
    public void AlphaNdcg_ItemsWithoutGenre_ShareThePseudoGenre()
    {
        var genres = new ItemGenres([[], [], ["A"]]);

        // Subtopic "(none)": item 0 gains 1 at rank 1, item 2 nothing; the ideal also ranks item 1 (½ at rank 2).
        Assert.Equal(1 / (1 + 0.5 / Math.Log2(3)), BeyondAccuracyMetrics.AlphaNdcg([0, 2], [.. genres.Of(1)], genres, k: 2), 12);
        Assert.Equal(ItemGenres.None, genres.Names[genres.Of(0)[0]]);
    }

    [Fact]
    public void TopList_SkipsExcluded_OrdersByScore_BreaksTiesBySeededHash()
    {
        float[] scores = [0.5f, 0.9f, float.NaN, 0.9f, 0.1f, 0.7f];
        bool[] excluded = [false, false, false, false, false, true];
        var top = new int[4];

        int count = TopList.Select(scores, excluded, seed: 1, user: 0, top);

        Assert.Equal(4, count);
        Assert.Equal([1, 3], top[..2].Order());
        Assert.Equal([0, 4], top[2..]);
        // The tie between items 1 and 3 is broken the same way each time, and by the hash order.
        var again = new int[4];
        TopList.Select(scores, excluded, seed: 1, user: 0, again);
        Assert.Equal(top, again);
        Assert.True(TopList.Hash(1, 0, top[0]) < TopList.Hash(1, 0, top[1]));
    }

    [Fact]
    public void Mmr_ZeroWeightKeepsOrder_HalfWeightSkipsTheNearDuplicate()
    {
        float[] scores = [1.0f, 0.9f, 0.8f];
        // Items 0 and 1 are near duplicates; 2 is unlike both.
        float[] similarity = [1, 0.99f, 0, 0.99f, 1, 0, 0, 0, 1];
        var output = new int[3];
        var scratch = new double[6];

        MmrReranker.Rerank(scores, similarity, 0, output, scratch);
        Assert.Equal([0, 1, 2], output);

        // λ = ½, relevance 1, ½, 0: after item 0, item 1 is worth ½·½ − ½·0.99 < 0 = item 2's ½·0 − ½·0.
        MmrReranker.Rerank(scores, similarity, 0.5, output, scratch);
        Assert.Equal([0, 2, 1], output);
    }
}
