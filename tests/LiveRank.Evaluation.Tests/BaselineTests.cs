using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

public sealed class BaselineTests
{
    // Items 0..3. Users: [0,1,2], [0,1], [1,3].
    private static readonly TrainingSet Training = new(4, [[0, 1, 2], [0, 1], [1, 3]]);

    [Fact]
    public void Popularity_ScoresTrainingCounts()
    {
        var pop = new PopularityBaseline();
        pop.Fit(Training);
        var scores = new float[4];

        pop.Score([2], scores);

        Assert.Equal([2f, 3f, 1f, 1f], scores);
    }

    [Fact]
    public void ItemKnn_LastItem_IsCosineToLastItem()
    {
        var knn = new ItemKnnBaseline(wholeHistory: false, shrink: 0);
        knn.Fit(Training);
        var scores = new float[4];

        knn.Score([3, 0], scores);

        // |U0| = 2, |U1| = 3, |U2| = 1, |U3| = 1; U0∩U1 = 2, U0∩U2 = 1, U0∩U3 = 0.
        Assert.Equal(0f, scores[0]);
        Assert.Equal(2 / Math.Sqrt(6), scores[1], 5);
        Assert.Equal(1 / Math.Sqrt(2), scores[2], 5);
        Assert.Equal(0f, scores[3]);
    }

    [Fact]
    public void ItemKnn_Shrink_DividesBySqrtPlusShrink()
    {
        var knn = new ItemKnnBaseline(wholeHistory: false, shrink: 1);
        knn.Fit(Training);
        var scores = new float[4];

        knn.Score([0], scores);

        Assert.Equal(2 / (Math.Sqrt(6) + 1), scores[1], 5);
    }

    [Fact]
    public void ItemKnnFull_SumsOverHistory()
    {
        var knn = new ItemKnnBaseline(wholeHistory: true, shrink: 0);
        knn.Fit(Training);
        var scores = new float[4];

        knn.Score([0, 3], scores);

        // sim(0,1) + sim(3,1) = 2/√6 + 1/√3
        Assert.Equal(2 / Math.Sqrt(6) + 1 / Math.Sqrt(3), scores[1], 5);
        Assert.Equal("itemknn-full", knn.Name);
    }

    [Fact]
    public void CoVis_WindowCountsOnlyNextItems_DecaysOlderHistory()
    {
        var covis = new CoVisitationBaseline(window: 1, lastItems: 2, decay: 0.5, normalize: false);
        covis.Fit(new TrainingSet(4, [[0, 1, 2], [0, 1], [1, 3]]));
        var scores = new float[4];

        covis.Score([0, 1], scores);

        // Last item 1 (weight 1): 1→2 once, 1→3 once. Item 0 (weight 0.5): 0→1 twice. Window 1: 0→2 not counted.
        Assert.Equal([0f, 1f, 1f, 1f], scores);
    }

    [Fact]
    public void CoVis_Normalize_DividesRowsBySum()
    {
        var covis = new CoVisitationBaseline(window: 2, lastItems: 1, decay: 1, normalize: true);
        covis.Fit(new TrainingSet(4, [[0, 1, 2], [0, 1]]));
        var scores = new float[4];

        covis.Score([0], scores);

        // Row 0: 0→1 twice, 0→2 once (window 2) → 2/3, 1/3.
        Assert.Equal(2f / 3, scores[1], 5);
        Assert.Equal(1f / 3, scores[2], 5);
    }

    [Fact]
    public void CoVis_SharedFit_ScoresLikeOwnFit()
    {
        var fitted = new CoVisitationBaseline(3, 1, 1, false);
        fitted.Fit(Training);
        var shared = new CoVisitationBaseline(3, 2, 0.5, false);
        var own = new CoVisitationBaseline(3, 2, 0.5, false);
        own.Fit(Training);
        float[] a = new float[4], b = new float[4];

        Assert.True(shared.TryShareFit(fitted));
        Assert.False(new CoVisitationBaseline(2, 1, 1, false).TryShareFit(fitted));
        shared.Score([0, 1], a);
        own.Score([0, 1], b);
        Assert.Equal(b, a);
    }

    [Fact]
    public void Catalog_UnknownName_Throws() =>
        Assert.Throws<ArgumentException>(() => BaselineCatalog.Grid("sasrec"));

    [Fact]
    public void Tuner_PicksBestOnValidation_AndRefitsOnTrainPlusValidation()
    {
        // Prefixes of one chain a→b→…→h of lengths 5..8: the validation step of length L is a training transition
        // of length L + 1, so the chain-following configurations are perfect on 3 of 4 users.
        var users = Enumerable.Range(5, 4).Select(length => "abcdefgh".Take(length).Select(c => c.ToString()).ToArray()).ToArray();
        var split = Synthetic.Split(users);

        var tuned = BaselineTuner.Tune("covis", new FullRankingProtocol(split), seed: 1);

        Assert.Equal("covis", tuned.Baseline.Name);
        Assert.True(tuned.GridSize > 1);
        Assert.InRange(tuned.ValidationNdcg10, 0.75, 1.0);
    }
}
