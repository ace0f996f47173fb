using System.Globalization;
using LiveRank.Domain;
using LiveRank.Text;

namespace LiveRank.Tests.Text;

public class ItemTemplateTests
{
    private static readonly Item Heat = new()
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

    // The generic template is the fixed renderer the server used before templates (ItemText.Render): same strings.
    [Fact]
    public void Generic_FullItem_AllPartsInOrder() =>
        Assert.Equal(
            "Heat. Categories: Action, Crime. Brand: Warner. Price: 12.99 USD. Tags: heist, los angeles. A crew of thieves meets a driven detective.",
            ItemTemplate.Generic.Render(Heat));

    [Fact]
    public void Generic_TitleOnly_EndsWithOnePeriod() =>
        Assert.Equal("Heat.", ItemTemplate.Generic.Render(new Item { Id = "m1", Title = "Heat" }));

    [Fact]
    public void Generic_PriceWithoutCurrency_UsesInvariantDigits() =>
        Assert.Equal("Pen. Price: 1234.50.", ItemTemplate.Generic.Render(new Item { Id = "p", Title = "Pen", Price = 1234.5 }));

    [Fact]
    public void Movies_MovieLensItem_TitleGenresTags()
    {
        var toyStory = new Item { Id = "1", Title = "Toy Story (1995)", Categories = ["Adventure", "Animation", "Children"], Tags = ["pixar", "fun"] };

        Assert.Equal("Toy Story (1995). Genres: Adventure, Animation, Children. Tags: pixar, fun.", ItemTemplate.Movies.Render(toyStory));
    }

    [Fact]
    public void Movies_NoTags_DropsTagsSentence() =>
        Assert.Equal("Heat (1995). Genres: Crime.", ItemTemplate.Movies.Render(new Item { Id = "6", Title = "Heat (1995)", Categories = ["Crime"] }));

    [Fact]
    public void Products_FullItem_TitleByBrand()
    {
        var card = new Item
        {
            Id = "g1", Title = "Gift Card", Brand = "Amazon", Categories = ["gift cards", "vouchers"], Price = 25, Currency = "USD",
            Description = "Redeemable online.",
        };

        Assert.Equal("Gift Card by Amazon. Category: gift cards, vouchers. Price: 25 USD. Redeemable online.", ItemTemplate.Products.Render(card));
    }

    [Fact]
    public void Products_NoBrandNoPrice_DropsByAndPrice() =>
        Assert.Equal("Gift Card. Category: vouchers.",
            ItemTemplate.Products.Render(new Item { Id = "g1", Title = "Gift Card", Categories = ["vouchers"], Currency = "USD" }));

    [Fact]
    public void News_Article_SectionTagsDescription()
    {
        var article = new Item
        {
            Id = "n1", Title = "Rates rise again", Categories = ["Economy"], Tags = ["ECB", "inflation"],
            Description = "The central bank moved for the third time this year.",
        };

        Assert.Equal("Rates rise again. Section: Economy. Tags: ECB, inflation. The central bank moved for the third time this year.",
            ItemTemplate.News.Render(article));
    }

    [Fact]
    public void Render_SentenceWithAllFieldsEmpty_IsDroppedWhole()
    {
        var template = ItemTemplate.Compile("{title}. Price: {price} {currency}. Brand: {brand}. {description}");

        Assert.Equal("Pen. Brand: Bic.", template.Render(new Item { Id = "p", Title = "Pen", Brand = "Bic" }));
    }

    [Fact]
    public void Render_SentenceWithOneFieldEmpty_KeepsSentenceWithoutDanglingSpace()
    {
        var template = ItemTemplate.Compile("{title}. Price: {price} {currency}.");

        Assert.Equal("Pen. Price: 2.", template.Render(new Item { Id = "p", Title = "Pen", Price = 2 }));
    }

    [Theory]
    [InlineData(null, null, "Kettle.")]
    [InlineData("Acme", null, "Kettle. Made by Acme.")]
    [InlineData(null, "Italy", "Kettle. Made in Italy.")]
    [InlineData("Acme", "Italy", "Kettle. Made by Acme in Italy.")]
    public void Render_SentenceWhoseFieldsAreAllInGroups_KeptWhenAnyGroupIs(string? brand, string? origin, string expected)
    {
        var template = ItemTemplate.Compile("{title}. Made[ by {brand}][ in {attributes.origin}].");
        var attributes = new Dictionary<string, AttributeValue>();
        if (origin is not null) attributes["origin"] = AttributeValue.FromText(origin);

        Assert.Equal(expected, template.Render(new Item { Id = "k", Title = "Kettle", Brand = brand, Attributes = attributes }));
    }

    [Fact]
    public void Render_SentenceWithoutFields_IsAlwaysKept() =>
        Assert.Equal("Film. Heat.", ItemTemplate.Compile("Film. {title}. Tags: {tags}.").Render(new Item { Id = "m", Title = "Heat" }));

    [Fact]
    public void Render_Attributes_TextAndNumbers()
    {
        var template = ItemTemplate.Compile("{title}. Colour: {attributes.colour}. Volume: {attributes.litres} l. Watts: {attributes.watts}. Fill: {attributes.fill}. Size: {attributes.size}.");
        var kettle = new Item
        {
            Id = "k", Title = "Kettle",
            Attributes = new Dictionary<string, AttributeValue>
            {
                ["colour"] = AttributeValue.FromText("blue"),
                ["litres"] = AttributeValue.FromNumber(1.7),
                ["watts"] = AttributeValue.FromNumber(2200),
                ["fill"] = AttributeValue.FromNumber(0.004),
            },
        };

        Assert.Equal("Kettle. Colour: blue. Volume: 1.7 l. Watts: 2200. Fill: 0.004.", template.Render(kettle));
    }

    [Fact]
    public void Render_AttributeNames_AreCaseSensitiveFieldNamesAreNot()
    {
        var template = ItemTemplate.Compile("{Title}. Colour: {ATTRIBUTES.Colour}.");
        var item = new Item { Id = "k", Title = "Kettle", Attributes = new Dictionary<string, AttributeValue> { ["colour"] = AttributeValue.FromText("blue") } };

        Assert.Equal("Kettle.", template.Render(item));
    }

    [Theory]
    [InlineData(25.0, "25")]
    [InlineData(12.5, "12.50")]
    [InlineData(0.1, "0.10")]
    [InlineData(19.999, "20.00")]
    [InlineData(1_000_000.0, "1000000")]
    [InlineData(0.0, "0")]
    public void Render_Price_WholeWithoutDecimalsElseTwo(double price, string expected) =>
        Assert.Equal($"Pen. Price: {expected} EUR.",
            ItemTemplate.Products.Render(new Item { Id = "p", Title = "Pen", Price = price, Currency = "EUR" }));

    [Fact]
    public void Render_UnderAnotherCulture_StaysInvariant()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var template = ItemTemplate.Compile("{title}. {price} / {attributes.w}.");
            var item = new Item { Id = "p", Title = "Pen", Price = 1234.5, Attributes = new Dictionary<string, AttributeValue> { ["w"] = AttributeValue.FromNumber(2.25) } };

            Assert.Equal("Pen. 1234.50 / 2.25.", template.Render(item));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Render_WhiteSpace_CollapsesAndTrims()
    {
        var item = new Item { Id = "m", Title = "  The   Matrix \n", Description = "Neo\n\nwakes\tup. ", Categories = [" Sci-Fi ", " ", "Action"] };

        Assert.Equal("The Matrix. Genres: Sci-Fi, Action. Neo wakes up.", ItemTemplate.Movies.Render(item));
    }

    [Theory]
    [InlineData("Heat.", "Heat. Genres: Crime.")]
    [InlineData("Airplane!", "Airplane! Genres: Crime.")]
    [InlineData("What's Up, Doc?", "What's Up, Doc? Genres: Crime.")]
    public void Render_TitleEndingASentence_NoDoublePeriod(string title, string expected) =>
        Assert.Equal(expected, ItemTemplate.Movies.Render(new Item { Id = "m", Title = title, Categories = ["Crime"] }));

    [Fact]
    public void Render_ValuePunctuation_IsLeftAlone() =>
        Assert.Equal("Heat. Wait ... what?",
            ItemTemplate.Compile("{title}. {description}").Render(new Item { Id = "m", Title = "Heat", Description = "Wait ... what?" }));

    [Fact]
    public void Render_ListSeparator_IsConfigurable()
    {
        var template = ItemTemplate.Compile("{title}. Tags: {tags}.", " / ");

        Assert.Equal("Heat. Tags: heist / crime.", template.Render(new Item { Id = "m", Title = "Heat", Tags = ["heist", "", "crime"] }));
    }

    [Fact]
    public void Render_EscapedBracesAndBrackets_AreLiteral() =>
        Assert.Equal("{Heat} [new]", ItemTemplate.Compile("{{{title}}} [[new]]").Render(new Item { Id = "m", Title = "Heat" }));

    [Fact]
    public void Render_LongDescription_GrowsPastTheStackBuffer()
    {
        string description = string.Join(' ', Enumerable.Repeat("word", 500));

        string text = ItemTemplate.Movies.Render(new Item { Id = "m", Title = "Heat", Description = description });

        Assert.Equal("Heat. " + description, text);
    }

    [Fact]
    public void TryRender_LargeEnoughBuffer_MatchesRender()
    {
        Span<char> buffer = stackalloc char[512];

        Assert.True(ItemTemplate.Generic.TryRender(Heat, buffer, out int written));
        Assert.Equal(ItemTemplate.Generic.Render(Heat), buffer[..written].ToString());
    }

    [Fact]
    public void TryRender_SmallBuffer_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[10];

        Assert.False(ItemTemplate.Generic.TryRender(Heat, buffer, out int written));
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("{title}. {titel}", "Unknown placeholder {titel} at character 10")]
    [InlineData("{title", "Placeholder '{' at character 1 is not closed")]
    [InlineData("{title. {brand}", "Placeholder '{' at character 1 is not closed")]
    [InlineData("{title}}", "Unmatched '}' at character 8")]
    [InlineData("{title}. {}", "Empty placeholder {} at character 10")]
    [InlineData("{title}. {attributes.}", "Placeholder {attributes.} at character 10 names no attribute")]
    [InlineData("{title}[ by {brand}", "Group '[' at character 8 is not closed")]
    [InlineData("{title}] by", "Unmatched ']' at character 8")]
    [InlineData("{title}[ by [{brand}]]", "Group '[' at character 13 is inside the group opened at character 8")]
    [InlineData("{title}[ new]", "Group '[' at character 8 holds no placeholder")]
    [InlineData("Just text.", "The template holds no placeholder")]
    [InlineData("", "The template holds no placeholder")]
    public void Compile_BadTemplate_ThrowsNamingTheProblemAndPosition(string template, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ItemTemplate.Compile(template));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryCompile_UnknownPlaceholder_ListsTheFields()
    {
        Assert.False(ItemTemplate.TryCompile("{name}", out _, out string? error));

        Assert.Equal("Unknown placeholder {name} at character 1; fields are title, description, categories, price, currency, brand, tags, attributes.NAME.", error);
    }

    [Theory]
    [InlineData("generic")]
    [InlineData("movies")]
    [InlineData("Products")]
    [InlineData(" NEWS ")]
    public void Resolve_BuiltInName_ReturnsTheBuiltIn(string name) =>
        Assert.Equal(name.Trim().ToLowerInvariant(), ItemTemplate.Resolve(name).Name);

    [Fact]
    public void Resolve_Template_CompilesIt()
    {
        var template = ItemTemplate.Resolve("{title} ({brand})");

        Assert.Equal("custom", template.Name);
        Assert.Equal("Pen (Bic)", template.Render(new Item { Id = "p", Title = "Pen", Brand = "Bic" }));
    }

    [Fact]
    public void Resolve_MisspelledName_SaysWhatItAccepts()
    {
        Assert.False(ItemTemplate.TryResolve("moveis", out _, out string? error));

        Assert.Equal("'moveis' is neither a built-in template (generic, movies, products, news) nor a template with {fields} "
            + "(title, description, categories, price, currency, brand, tags, attributes.NAME).", error);
    }

    [Fact]
    public void TryGetBuiltIn_OtherSeparator_JoinsWithIt()
    {
        Assert.True(ItemTemplate.TryGetBuiltIn("movies", out var template, "|"));

        Assert.Equal("Heat. Genres: Action|Crime.", template.Render(new Item { Id = "m", Title = "Heat", Categories = ["Action", "Crime"] }));
    }
}
