using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

public sealed class SplitTests
{
    [Fact]
    public void KCore_RemovalCascades_UntilStable()
    {
        // Item 2 has one interaction; removing it leaves user 1 with one interaction, which then goes too.
        Interaction[] interactions =
        [
            new(0, 0, 1), new(0, 1, 2),
            new(1, 0, 1), new(1, 2, 2),
            new(2, 0, 1), new(2, 1, 2),
        ];

        var kept = KCoreFilter.Apply(interactions, userCount: 3, itemCount: 3, k: 2);

        Assert.Equal(4, kept.Length);
        Assert.DoesNotContain(kept, x => x.User == 1 || x.Item == 2);
    }

    [Fact]
    public void Create_SortsByTimeThenNumericItemId_LastIsTest()
    {
        var dataset = InteractionDataset.FromRecords("t",
        [
            ("a", "10", 5), ("a", "9", 5), ("a", "3", 1), ("a", "100", 7), ("a", "2", 6),
        ]);

        var split = LeaveOneOutSplit.Create(dataset, kCore: 0);
        string[] order = [.. split.Sequences[0].Select(i => split.ItemIds[i])];

        Assert.Equal(["3", "9", "10", "2", "100"], order);
        Assert.Equal("100", split.ItemIds[split.TestItem(0)]);
        Assert.Equal("2", split.ItemIds[split.ValidationItem(0)]);
        Assert.Equal(3, split.Train(0).Length);
        Assert.Equal(4, split.TrainAndValidation(0).Length);
    }

    [Fact]
    public void FromRecords_TitledItems_DropsOthers()
    {
        var dataset = InteractionDataset.FromRecords("t", [("a", "1", 1), ("a", "2", 2)], new HashSet<string> { "1" });

        Assert.Single(dataset.Interactions);
        Assert.Equal(["1"], dataset.ItemIds);
    }

    [Fact]
    public void Load_UnknownKind_FailsWithClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => InteractionDataset.Load("netflix:/tmp/x", TestContext.Current.CancellationToken));
        Assert.Contains("netflix", error.Message);
    }

    [Fact]
    public void MovieLensCheck_WrongCounts_Throws()
    {
        var dataset = InteractionDataset.FromRecords("ml-latest-small", [("a", "1", 1), ("a", "2", 2), ("a", "3", 3)]);
        var split = LeaveOneOutSplit.Create(dataset, kCore: 0);

        var error = Assert.Throws<InvalidOperationException>(() => MovieLensSmallCheck.Assert(split));
        Assert.Contains("610", error.Message);
    }

    [Fact]
    public void MovieLensSample_P1Split_HasPublishedCounts()
    {
        var dataset = InteractionDataset.FromMovieLens(Path.Combine(Synthetic.RepositoryRoot(), "samples", "ml-latest-small"),
            TestContext.Current.CancellationToken);

        var split = LeaveOneOutSplit.Create(dataset);

        Assert.Equal("ml-latest-small", split.DatasetName);
        Assert.Equal((610, 3_650, 90_274), (split.UserCount, split.ItemCount, split.InteractionCount));
        MovieLensSmallCheck.Assert(split);
    }
}
