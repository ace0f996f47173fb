using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary><c>LiveRank:Text</c>: the configured item template and narrative caps reach the API; a bad template stops the start.</summary>
public sealed class TextConfigurationTests : ServerTest
{
    public TextConfigurationTests()
        : base(new Dictionary<string, string?>
        {
            ["LiveRank:Text:ItemTemplate"] = "{title}[ by {brand}]. Holds {attributes.litres} l. Tags: {tags}. {price} {currency}.",
            ["LiveRank:Text:ListSeparator"] = " / ",
            ["LiveRank:Text:Narrative:MaxEvents"] = "2",
        })
    {
    }

    [Fact]
    public async Task GetItem_CustomTemplate_RendersText()
    {
        var kettle = new JsonObject
        {
            ["id"] = "k1", ["title"] = "Blue Kettle", ["brand"] = "Acme", ["price"] = 25, ["currency"] = "EUR",
            ["tags"] = new JsonArray("steel", "fast"), ["attributes"] = new JsonObject { ["litres"] = 1.7 },
        };
        await PostOkAsync(Client, "/v1/items", Items(kettle, Item("k2", "Plain Kettle")));

        var full = await GetOkAsync(Client, "/v1/items/k1");
        var plain = await GetOkAsync(Client, "/v1/items/k2");

        Assert.Equal("Blue Kettle by Acme. Holds 1.7 l. Tags: steel / fast. 25 EUR.", full["text"]!.GetValue<string>());
        Assert.Equal("Plain Kettle.", plain["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetUser_MaxEvents_NarratesTheNewestOnly()
    {
        await PostOkAsync(Client, "/v1/events", Events(Event("view", "u", "a"), Event("click", "u", "b"), Event("cart", "u", "c")));

        var user = await GetOkAsync(Client, "/v1/users/u");

        Assert.Equal("added c to cart; clicked b.", user["narrative"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_BadTemplate_FailsNamingThePlaceholder()
    {
        // The app is started directly: under load WebApplicationFactory can surface a failed start as ObjectDisposedException.
        using var store = new TempStoreDirectory();
        await using var app = LiveRankApp.Build(["--urls", "http://127.0.0.1:0", $"--LiveRank:Store:Connection={store.Connection}",
            "--LiveRank:Demo:Enabled=false", "--LiveRank:Text:ItemTemplate={title}. {titel}"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));

        Assert.Contains("LiveRank:Text:ItemTemplate: Unknown placeholder {titel} at character 10", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NarrativeCapOutOfRange_Fails()
    {
        using var store = new TempStoreDirectory();
        await using var app = LiveRankApp.Build(["--urls", "http://127.0.0.1:0", $"--LiveRank:Store:Connection={store.Connection}",
            "--LiveRank:Demo:Enabled=false", "--LiveRank:Text:Narrative:MaxTokens=2"]);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));

        Assert.Contains("LiveRank:Text:Narrative:MaxTokens: ", error.ToString(), StringComparison.Ordinal);
    }
}
