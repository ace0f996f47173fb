using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>Configured and per-request policies, and explanations, through POST /v1/rerank and /v1/recommend.</summary>
public sealed class PolicyEndpointsTests() : ServerTest(new Dictionary<string, string?>
{
    // Configured for every ranking: out-of-stock items never shown.
    ["LiveRank:Policies:Exclude:0"] = "attributes.stock == 0",
})
{
    private static JsonObject Product(string id, string title, string brand, int stock, string category)
    {
        var item = Item(id, title, category);
        item["brand"] = brand;
        item["attributes"] = new JsonObject { ["stock"] = stock };
        return item;
    }

    private async Task SeedAsync()
    {
        var items = Items(
            Product("p1", "Heat: a crime thriller about a bank heist in Los Angeles", "Acme", 5, "crime"),
            Product("p2", "Casino: a crime drama about the mob in Las Vegas", "Acme", 0, "crime"),
            Product("p3", "The Usual Suspects: a crime mystery about a heist gone wrong", "Bolt", 2, "crime"),
            Product("p4", "Toy Story: an animated family comedy about toys", "Bolt", 3, "family"),
            Product("p5", "Aladdin: an animated family musical", "Cora", 1, "family"));
        items["wait"] = true;
        await PostOkAsync(Client, "/v1/items", items);
    }

    [Fact]
    public async Task Rerank_ConfiguredAndRequestPolicies_AppliedInOrder()
    {
        await SeedAsync();
        var request = Rerank("ana", "p1", "p2", "p3", "p4", "p5");
        request["policies"] = new JsonObject
        {
            ["bury"] = new JsonArray("brand == Acme"),
            ["pins"] = new JsonArray(new JsonObject { ["itemId"] = "p5", ["position"] = 1 }),
            ["caps"] = new JsonArray(new JsonObject { ["field"] = "category", ["max"] = 1, ["within"] = 3 }),
        };

        var ids = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        // p2 is out of stock (configured filter); p1 (Acme) is buried last; p5 is pinned first (pins come last).
        Assert.DoesNotContain("p2", ids);
        Assert.Equal("p5", ids[0]);
        Assert.Equal("p1", ids[^1]);
        Assert.Equal(4, ids.Length);
    }

    [Fact]
    public async Task Rerank_BadPolicy_422WithFieldPaths()
    {
        var request = Rerank("ana", "p1");
        request["policies"] = new JsonObject
        {
            ["exclude"] = new JsonArray("stock = 0"),
            ["diversity"] = 1.5,
            ["caps"] = new JsonArray(new JsonObject { ["field"] = "colour", ["max"] = 0 }),
            ["pins"] = new JsonArray(new JsonObject { ["itemId"] = "p1" }),
            ["excludeSeenWithin"] = "soon",
        };

        using var response = await PostAsync(Client, "/v1/rerank", request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (string field in new[] { "policies.exclude[0]", "policies.diversity", "policies.caps[0].field", "policies.caps[0].max", "policies.pins[0].position", "policies.excludeSeenWithin" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
    }

    [Fact]
    public async Task Recommend_ExcludePurchasedAndExplain_ReturnsReasonsFromHistory()
    {
        await SeedAsync();
        await PostOkAsync(Client, "/v1/events", new JsonObject
        {
            ["events"] = new JsonArray(
                new JsonObject { ["type"] = "rating", ["userId"] = "ana", ["itemId"] = "p1", ["value"] = 5 },
                new JsonObject { ["type"] = "purchase", ["userId"] = "ana", ["itemId"] = "p4" }),
        });
        var request = new JsonObject
        {
            ["userId"] = "ana", ["limit"] = 5, ["explain"] = true, ["includeSeen"] = true,
            ["policies"] = new JsonObject { ["excludePurchased"] = true },
        };

        var answer = await PostOkAsync(Client, "/v1/recommend", request);

        var ids = RankedIds(answer);
        Assert.DoesNotContain("p4", ids); // purchased
        Assert.DoesNotContain("p2", ids); // out of stock
        var suspects = answer["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "p3")!["explanation"]!;
        var features = suspects["features"]!.AsArray();
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.NotNull(f!["contribution"]));
        var similar = suspects["similarTo"]!.AsArray();
        Assert.Equal("p1", similar[0]!["itemId"]!.GetValue<string>());
        Assert.Equal("rated 5/5", similar[0]!["interaction"]!.GetValue<string>());
        Assert.StartsWith("similar to 'Heat: a crime thriller", suspects["reason"]!.GetValue<string>());
    }
}
