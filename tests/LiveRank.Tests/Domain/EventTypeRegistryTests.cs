using LiveRank.Domain;

namespace LiveRank.Tests.Domain;

public class EventTypeRegistryTests
{
    [Theory]
    [InlineData("view", EventTypeRegistry.View, 0)]
    [InlineData("click", EventTypeRegistry.Click, 1)]
    [InlineData("cart", EventTypeRegistry.Cart, 2)]
    [InlineData("purchase", EventTypeRegistry.Purchase, 3)]
    [InlineData("rating", EventTypeRegistry.Rating, 4)]
    [InlineData("like", EventTypeRegistry.Like, 5)]
    [InlineData("skip", EventTypeRegistry.Skip, 6)]
    [InlineData("impression", EventTypeRegistry.Impression, 7)]
    public void TryGetId_BuiltIn_HasFixedId(string name, byte constant, int expected)
    {
        var registry = new EventTypeRegistry();

        Assert.True(registry.TryGetId(name, out byte id));
        Assert.Equal(expected, id);
        Assert.Equal(expected, constant);
        Assert.Equal(name, registry.NameOf(id));
    }

    [Fact]
    public void Constructor_Default_HasEightTypes()
    {
        var registry = new EventTypeRegistry();

        Assert.Equal(8, registry.Count);
        Assert.False(registry.TryGetId("dwell", out _));
        Assert.True(registry.IsPurchase(EventTypeRegistry.Purchase));
        Assert.False(registry.IsPurchase(EventTypeRegistry.Cart));
        Assert.Equal(-2f, registry.InterestWeight(EventTypeRegistry.Skip, float.NaN));
        Assert.Equal(0f, registry.PopularityWeight(EventTypeRegistry.Skip));
    }

    [Fact]
    public void Constructor_CustomTypes_AppendedInOrder()
    {
        var registry = new EventTypeRegistry(
        [
            new EventTypeDefinition { Name = "dwell", Weight = 0.5f, PopularityWeight = 0.25f },
            new EventTypeDefinition { Name = "share", Weight = 5, PopularityWeight = 2 },
        ]);

        Assert.Equal(10, registry.Count);
        Assert.True(registry.TryGetId("dwell", out byte dwell));
        Assert.True(registry.TryGetId("share", out byte share));
        Assert.Equal(8, dwell);
        Assert.Equal(9, share);
        Assert.Equal(0.25f, registry.PopularityWeight(dwell));
        Assert.Equal(5f, registry.InterestWeight(share, float.NaN));
    }

    [Fact]
    public void Constructor_CustomBuiltInName_ReweightsInPlace()
    {
        var registry = new EventTypeRegistry([new EventTypeDefinition { Name = "view", Weight = 0.5f, PopularityWeight = 2 }]);

        Assert.Equal(8, registry.Count);
        Assert.True(registry.TryGetId("view", out byte id));
        Assert.Equal(EventTypeRegistry.View, id);
        Assert.Equal(0.5f, registry.InterestWeight(id, float.NaN));
        Assert.Equal(2f, registry.PopularityWeight(id));
    }

    [Fact]
    public void Constructor_ThirtyTwoTypes_Accepted()
    {
        var custom = Enumerable.Range(0, 24).Select(i => new EventTypeDefinition { Name = "custom" + i }).ToList();

        Assert.Equal(32, new EventTypeRegistry(custom).Count);
    }

    [Fact]
    public void Constructor_MoreThanThirtyTwoTypes_Rejected()
    {
        var custom = Enumerable.Range(0, 25).Select(i => new EventTypeDefinition { Name = "custom" + i }).ToList();

        Assert.Throws<ArgumentException>(() => new EventTypeRegistry(custom));
    }

    [Theory]
    [InlineData(5f, 3f)]
    [InlineData(4f, 1.5f)]
    [InlineData(3f, 0f)]
    [InlineData(2f, -1.5f)]
    [InlineData(1f, -3f)]
    [InlineData(0.5f, -3f)] // below Min: clamped
    [InlineData(9f, 3f)]    // above Max: clamped
    public void InterestWeight_Rating_FollowsRatingScale(float rating, float expected) =>
        Assert.Equal(expected, new EventTypeRegistry().InterestWeight(EventTypeRegistry.Rating, rating), 1e-6f);

    [Fact]
    public void InterestWeight_RatingWithoutValue_IsTypeWeight() =>
        Assert.Equal(3f, new EventTypeRegistry().InterestWeight(EventTypeRegistry.Rating, float.NaN));

    [Fact]
    public void InterestWeight_CustomScale_CentresOnItsNeutral()
    {
        var registry = new EventTypeRegistry(ratingScale: new RatingScale { Min = 0, Neutral = 5, Max = 10 });

        Assert.Equal(3f, registry.InterestWeight(EventTypeRegistry.Rating, 10), 1e-6f);
        Assert.Equal(0f, registry.InterestWeight(EventTypeRegistry.Rating, 5), 1e-6f);
        Assert.Equal(-1.5f, registry.InterestWeight(EventTypeRegistry.Rating, 2.5f), 1e-6f);
    }
}
