using LiveRank.State;

namespace LiveRank.Tests.State;

public class CoVisitationListTests
{
    [Fact]
    public void Add_NewTargets_AddsEntries()
    {
        var list = new CoVisitationList();
        list.Add(1, 1f, 4);
        list.Add(2, 0.5f, 4);

        Assert.Equal(2, list.Count);
        Assert.Equal(1f, list.WeightOf(1));
        Assert.Equal(0.5f, list.WeightOf(2));
    }

    [Fact]
    public void WeightOf_UnknownTarget_IsZero() => Assert.Equal(0f, new CoVisitationList().WeightOf(42));

    [Fact]
    public void Add_SameTarget_AccumulatesWeight()
    {
        var list = new CoVisitationList();
        list.Add(7, 1f, 4);
        list.Add(7, 0.5f, 4);
        list.Add(7, 0.25f, 4);

        Assert.Equal(1, list.Count);
        Assert.Equal(1.75f, list.WeightOf(7));
    }

    [Fact]
    public void Add_WhenFull_ReplacesLightestAndInheritsItsWeight()
    {
        var list = new CoVisitationList();
        list.Add(1, 3f, 3);
        list.Add(2, 1f, 3);
        list.Add(3, 2f, 3);

        list.Add(4, 0.5f, 3);

        Assert.Equal(3, list.Count);
        Assert.Equal(0f, list.WeightOf(2));
        Assert.Equal(1.5f, list.WeightOf(4));
        Assert.Equal(3f, list.WeightOf(1));
        Assert.Equal(2f, list.WeightOf(3));
    }

    [Fact]
    public void Add_BeyondInitialArray_GrowsToCapacityThenReplaces()
    {
        var list = new CoVisitationList(initialCapacity: 2);
        for (int t = 0; t < 6; t++) list.Add(t, 10f + t, 6);

        Assert.Equal(6, list.Count);
        for (int t = 0; t < 6; t++) Assert.Equal(10f + t, list.WeightOf(t));

        list.Add(100, 1f, 6);

        Assert.Equal(6, list.Count);
        Assert.Equal(0f, list.WeightOf(0));
        Assert.Equal(11f, list.WeightOf(100));
    }

    [Fact]
    public void Add_CapacityBelowInitialArray_HonoursCapacity()
    {
        var list = new CoVisitationList(initialCapacity: 4);
        list.Add(1, 2f, 2);
        list.Add(2, 3f, 2);
        list.Add(3, 1f, 2);

        Assert.Equal(2, list.Count);
        Assert.Equal(0f, list.WeightOf(1));
        Assert.Equal(3f, list.WeightOf(3));
        Assert.Equal(3f, list.WeightOf(2));
    }

    [Fact]
    public void Read_AfterAdds_ReturnsTargetsAndWeightsInInsertionOrder()
    {
        var list = new CoVisitationList();
        list.Add(5, 1f, 4);
        list.Add(9, 2f, 4);

        int n = list.Read(out var targets, out var weights);

        Assert.Equal(2, n);
        Assert.Equal([5, 9], targets.ToArray());
        Assert.Equal([1f, 2f], weights.ToArray());
    }

    [Fact]
    public void Load_ThenAdd_GrowsFromLoadedEntries()
    {
        var list = new CoVisitationList();
        list.Load([1, 2], [1f, 2f]);
        list.Add(3, 4f, 4);
        list.Add(1, 1f, 4);

        Assert.Equal(3, list.Count);
        Assert.Equal(2f, list.WeightOf(1));
        Assert.Equal(4f, list.WeightOf(3));
    }
}
