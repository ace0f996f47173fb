using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class ItemEndpointsTests : ServerTest
{
    public ItemEndpointsTests()
        : base(new Dictionary<string, string?> { ["LiveRank:Api:MaxBatch"] = "5" })
    {
    }

    [Fact]
    public async Task Upsert_FullItem_GetReturnsFieldsAndText()
    {
        var item = new JsonObject
        {
            ["id"] = "sku-1",
            ["title"] = "Blue Kettle",
            ["description"] = "Boils water quickly.",
            ["categories"] = new JsonArray("kitchen", "appliances"),
            ["price"] = 24.5,
            ["currency"] = "EUR",
            ["brand"] = "Acme",
            ["tags"] = new JsonArray("steel"),
            ["attributes"] = new JsonObject { ["litres"] = 1.7, ["colour"] = "blue" },
        };

        var answer = await PostOkAsync(Client, "/v1/items", Items(item));
        var got = await GetOkAsync(Client, "/v1/items/sku-1");

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal("sku-1", got["id"]!.GetValue<string>());
        Assert.Equal("Blue Kettle", got["title"]!.GetValue<string>());
        Assert.Equal("Boils water quickly.", got["description"]!.GetValue<string>());
        Assert.Equal(["kitchen", "appliances"], got["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(24.5, got["price"]!.GetValue<double>());
        Assert.Equal("EUR", got["currency"]!.GetValue<string>());
        Assert.Equal("Acme", got["brand"]!.GetValue<string>());
        Assert.Equal(["steel"], got["tags"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(1.7, got["attributes"]!["litres"]!.GetValue<double>());
        Assert.Equal("blue", got["attributes"]!["colour"]!.GetValue<string>());
        // The default template (generic).
        Assert.Equal("Blue Kettle. Categories: kitchen, appliances. Brand: Acme. Price: 24.50 EUR. Tags: steel. Boils water quickly.",
            got["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_ExistingItem_ReplacesFieldsAndKeepsCreatedAt()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("sku-2", "Old title", "a")));
        var first = await GetOkAsync(Client, "/v1/items/sku-2");

        await PostOkAsync(Client, "/v1/items", Items(Item("sku-2", "New title", "b")));
        var second = await GetOkAsync(Client, "/v1/items/sku-2");

        Assert.Equal("New title", second["title"]!.GetValue<string>());
        Assert.Equal(["b"], second["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(first["createdAt"]!.GetValue<DateTimeOffset>(), second["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Upsert_ExplicitCreatedAt_IsKept()
    {
        var item = Item("sku-3", "Dated");
        item["createdAt"] = "2020-05-01T10:00:00Z";
        await PostOkAsync(Client, "/v1/items", Items(item));

        var got = await GetOkAsync(Client, "/v1/items/sku-3");

        Assert.Equal(new DateTimeOffset(2020, 5, 1, 10, 0, 0, TimeSpan.Zero), got["createdAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Delete_ExistingItem_Returns204AndGetReturns404()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("sku-4", "Doomed")));

        using var deleted = await Client.DeleteAsync("/v1/items/sku-4", Ct);
        using var get = await Client.GetAsync("/v1/items/sku-4", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_UnknownItem_Returns404()
    {
        using var response = await Client.DeleteAsync("/v1/items/never-was", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_UnknownItem_Returns404Problem()
    {
        using var response = await Client.GetAsync("/v1/items/nope", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Upsert_MoreThanMaxBatch_Returns413AndStoresNothing()
    {
        var items = Enumerable.Range(0, 6).Select(i => Item($"big-{i}", $"Item {i}")).ToArray();

        using var response = await PostAsync(Client, "/v1/items", Items(items));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        using var get = await Client.GetAsync("/v1/items/big-0", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Upsert_ExactlyMaxBatch_IsAccepted()
    {
        var items = Enumerable.Range(0, 5).Select(i => Item($"ok-{i}", $"Item {i}")).ToArray();

        var answer = await PostOkAsync(Client, "/v1/items", Items(items));

        Assert.Equal(5, answer["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upsert_OneInvalidItem_RejectsWholeBatch()
    {
        var bad = Item("bad-1", "Bad");
        bad["price"] = -1;

        using var response = await PostAsync(Client, "/v1/items", Items(Item("good-1", "Good"), bad));

        await AssertFieldErrorAsync(response, "items[1].price");
        using var get = await Client.GetAsync("/v1/items/good-1", Ct);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }
}
