using LiveRank.Domain;
using LiveRank.Text;

namespace LiveRank.Tests.Text;

public class ItemTextTests
{
    [Fact]
    public void Render_FullItem_AllPartsInOrder()
    {
        var item = new Item
        {
            Id = "m1",
            Title = "Heat.",
            Description = "A crew of thieves meets a driven detective.",
            Categories = ["Action", "Crime"],
            Brand = "Warner",
            Price = 12.99,
            Currency = "USD",
            Tags = ["heist", "los angeles"],
        };

        Assert.Equal(
            "Heat. Categories: Action, Crime. Brand: Warner. Price: 12.99 USD. Tags: heist, los angeles. A crew of thieves meets a driven detective.",
            ItemText.Render(item));
    }

    [Fact]
    public void Render_TitleOnly_EndsWithOnePeriod() =>
        Assert.Equal("Heat.", ItemText.Render(new Item { Id = "m1", Title = "Heat" }));

    [Fact]
    public void Render_PriceWithoutCurrency_UsesInvariantDigits() =>
        Assert.Equal("Pen. Price: 1234.50.", ItemText.Render(new Item { Id = "p", Title = "Pen", Price = 1234.5 }));
}
