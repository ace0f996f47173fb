using LiveRank.Retrieval;
using LiveRank.Scoring.Models;

namespace LiveRank.Training.Tests.Models;

public class ItemNeighboursTests
{
    [Fact]
    public void FromRows_KeepsTheStrongestPositiveNeighbours()
    {
        var rows = new List<Dictionary<int, float>> { new() { [1] = 0.2f, [2] = 0.5f, [3] = -1f, [0] = 9f }, new(), new() { [0] = 1f }, new() };
        var neighbours = ItemNeighbours.FromRows(rows, perRow: 1);
        Assert.Equal([2], neighbours.Targets(0).ToArray()); // 0 (itself) and the negative weight are dropped
        Assert.Equal([0.5f], neighbours.Weights(0).ToArray());
        Assert.Empty(neighbours.Targets(1).ToArray());
        Assert.Equal([0], neighbours.Targets(2).ToArray());
    }

    [Fact]
    public void AddRow_AccumulatesScaledRowsAndRecordsTouchedItemsOnce()
    {
        var neighbours = ItemNeighbours.FromRows([new() { [1] = 0.5f, [2] = 0.25f }, new() { [2] = 1f }, new()], perRow: 10);
        var scores = new float[3];
        var touched = new TouchedItems();
        neighbours.AddRow(0, 1f, scores, touched);
        neighbours.AddRow(1, 0.5f, scores, touched);
        Assert.Equal([0f, 0.5f, 0.75f], scores);
        Assert.Equal([1, 2], touched.Items.ToArray());
        touched.Clear(scores);
        Assert.Equal([0f, 0f, 0f], scores);
    }

    [Fact]
    public void Read_TargetOutsideTheModel_IsRefused()
    {
        var neighbours = ItemNeighbours.FromRows([new() { [1] = 1f }, new()], perRow: 5);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) neighbours.Write(writer);
        stream.Position = 0;
        // Read as if the model had one item only: target 1 is outside it.
        using var reader = new BinaryReader(stream);
        Assert.Throws<ModelFormatException>(() => ItemNeighbours.Read(reader, itemCount: 1, "test"));
    }

    [Fact]
    public void ItemStatistics_CountsInWindowsEndingAtNow()
    {
        var statistics = new ItemStatistics([[100, 200, 300, 1000]], [0f], [[]], [], [float.NaN]);
        Assert.Equal(3, statistics.CountUntil(0, 300));
        Assert.Equal(2, statistics.CountBetween(0, 300, 150)); // (150, 300]: 200 and 300
        Assert.Equal(0, statistics.CountBetween(0, 900, 500)); // (400, 900]
        Assert.Equal(4, statistics.CountUntil(0, 5000));
    }
}
