using LiveRank.Retrieval;

namespace LiveRank.Tests.Retrieval;

public sealed class TopItemsTests
{
    [Theory]
    [InlineData(0, 50)]
    [InlineData(1, 50)]
    [InlineData(10, 50)]
    [InlineData(50, 50)]
    [InlineData(80, 50)]
    [InlineData(300, 10_000)]
    public void Drain_KeepsTheBestByScoreThenLowerItem(int capacity, int offered)
    {
        var random = new Random(capacity + offered);
        // Few distinct scores, so ties are common and the item order decides.
        var offers = Enumerable.Range(0, offered).Select(item => (Score: (float)random.Next(0, 20), Item: item)).OrderBy(_ => random.Next()).ToArray();
        var top = new TopItems();
        top.Reset(capacity);

        foreach (var (score, item) in offers) top.Offer(score, item);
        var drained = new int[top.Count];
        int n = top.Drain(drained);

        var expected = offers.OrderByDescending(o => o.Score).ThenBy(o => o.Item).Take(capacity).Select(o => o.Item);
        Assert.Equal(expected, drained[..n]);
        Assert.Equal(0, top.Count);
    }

    [Fact]
    public void Offer_NaN_IsNeverKept()
    {
        var top = new TopItems();
        top.Reset(3);

        top.Offer(float.NaN, 1);
        top.Offer(1f, 2);
        var drained = new int[3];

        Assert.Equal(1, top.Drain(drained));
        Assert.Equal(2, drained[0]);
    }

    [Fact]
    public void Reset_AfterUse_StartsEmpty()
    {
        var top = new TopItems();
        top.Reset(2);
        top.Offer(5f, 1);
        top.Reset(2);
        top.Offer(1f, 7);
        var drained = new int[2];

        Assert.Equal(1, top.Drain(drained));
        Assert.Equal(7, drained[0]);
    }
}
