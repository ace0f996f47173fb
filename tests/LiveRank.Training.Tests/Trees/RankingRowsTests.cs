using LiveRank.Training.Trees;

namespace LiveRank.Training.Tests.Trees;

public class RankingRowsTests
{
    [Fact]
    public void Constructor_ContiguousGroups_FindsGroupStarts()
    {
        var rows = new RankingRows(new float[10], 2, [0, 1, 2, 0, 3], [7, 7, 3, 3, 9]);

        Assert.Equal(5, rows.RowCount);
        Assert.Equal(3, rows.GroupCount);
        Assert.Equal([0, 2, 4, 5], rows.GroupStarts.ToArray());
        Assert.Equal(["f0", "f1"], rows.FeatureNames);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(-1f)]
    [InlineData(31f)]
    [InlineData(float.NaN)]
    public void Constructor_LabelNotAGrade_Throws(float label)
    {
        var e = Assert.Throws<ArgumentException>(() => new RankingRows(new float[4], 2, [0, label], [1, 1]));
        Assert.Contains("Row 1", e.Message);
    }

    [Fact]
    public void Constructor_NaNFeature_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new RankingRows([0, 1, 2, float.NaN], 2, [0, 0], [1, 1]));
        Assert.Contains("Row 1, feature 1", e.Message);
    }

    [Fact]
    public void Constructor_GroupComesBack_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new RankingRows(new float[3], 1, [0, 0, 0], [1, 2, 1]));
        Assert.Contains("contiguous", e.Message);
    }

    [Fact]
    public void Constructor_ShapesDisagree_Throw()
    {
        Assert.Throws<ArgumentException>(() => new RankingRows(new float[5], 2, [0, 0], [1, 1]));
        Assert.Throws<ArgumentException>(() => new RankingRows(new float[4], 2, [0, 0], [1]));
        Assert.Throws<ArgumentException>(() => new RankingRows([], 2, [], []));
        Assert.Throws<ArgumentException>(() => new RankingRows(new float[4], 2, [0, 0], [1, 1], ["only one"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankingRows([], 0, [], []));
    }
}
