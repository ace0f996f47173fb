using LiveRank.Domain;
using LiveRank.Policies;
using Xunit;

namespace LiveRank.Tests.Policies;

public sealed class ItemConditionTests
{
    private static readonly Item Shoe = new()
    {
        Id = "s1", Title = "Runner", Brand = "Acme", Price = 80, Categories = ["shoes", "sport"], Tags = ["new"],
        Attributes = new Dictionary<string, AttributeValue> { ["stock"] = AttributeValue.FromNumber(0), ["colour"] = AttributeValue.FromText("red") },
    };

    [Theory]
    [InlineData("attributes.stock == 0", true)]
    [InlineData("attributes.stock > 0", false)]
    [InlineData("attributes.colour == red", true)]
    [InlineData("attributes.colour == \"blue\"", false)]
    [InlineData("attributes.colour == 3", false)]
    [InlineData("attributes.size == 3", false)]
    [InlineData("attributes.size != 3", true)]
    [InlineData("brand == 'Acme'", true)]
    [InlineData("brand != Acme", false)]
    [InlineData("price >= 80", true)]
    [InlineData("price < 80", false)]
    [InlineData("category == sport", true)]
    [InlineData("category != sport", false)]
    [InlineData("category != food", true)]
    [InlineData("tag == new", true)]
    [InlineData("id == s1", true)]
    [InlineData("currency == EUR", false)]
    [InlineData("currency != EUR", true)]
    public void Matches_ConditionOnItem_ComparesAsDocumented(string source, bool expected)
    {
        Assert.Equal(expected, ItemCondition.Parse(source).Matches(Shoe));
    }

    [Fact]
    public void Matches_ItemNotInCatalog_NeverMatches()
    {
        Assert.False(ItemCondition.Parse("attributes.stock == 0").Matches(null));
        Assert.False(ItemCondition.Parse("brand != Acme").Matches(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("stock")]
    [InlineData("stock == 0")]
    [InlineData("attributes. == 0")]
    [InlineData("price ==")]
    [InlineData("brand == a\"b")]
    public void TryParse_NotACondition_FailsWithReason(string source)
    {
        Assert.False(ItemCondition.TryParse(source, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
