using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class RerankEndpointsTests : ServerTest
{

    [Fact]
    public async Task Rerank_AfterClicksInCategory_MovesThatCategoryUp()
    {
        await PostOkAsync(Client, "/v1/items", Items(
            Item("a1", "Book 1", "books"), Item("a2", "Book 2", "books"), Item("a3", "Book 3", "books"),
            Item("b1", "Album 1", "music"), Item("b2", "Album 2", "music"), Item("b3", "Album 3", "music"), Item("b4", "Album 4", "music")));
        var request = Rerank("u-cat", "a1", "a2", "a3", "b3", "b4");
        var before = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        await PostOkAsync(Client, "/v1/events", Events(
            Event("click", "u-cat", "b1"), Event("click", "u-cat", "b2"), Event("click", "u-cat", "b1")));
        var after = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        Assert.Equal(["a1", "a2", "a3", "b3", "b4"], before);
        Assert.Equal(["b3", "b4"], after[..2].Order());
    }

    [Fact]
    public async Task Rerank_AfterOthersViewedXThenY_RanksYFirstForViewerOfX()
    {
        var catalog = new[] { "x", "y", "z1", "z2", "z3" };
        await PostOkAsync(Client, "/v1/items", Items([.. catalog.Select(id => Item(id, "Item " + id))]));
        var events = new List<JsonObject>();
        for (int u = 0; u < 5; u++)
        {
            // Each shopper's X then Y is one session: Y follows X. Popularity of Y and the Zs is made equal on purpose.
            events.Add(Event("view", $"shopper-{u}", "x"));
            events.Add(Event("view", $"shopper-{u}", "y"));
            foreach (string z in new[] { "z1", "z2", "z3" }) events.Add(Event("view", $"browser-{z}-{u}", z));
        }
        await PostOkAsync(Client, "/v1/events", Events([.. events]));
        var request = Rerank("u-probe", "z1", "z2", "z3", "y");
        var before = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        await PostOkAsync(Client, "/v1/events", Events(Event("view", "u-probe", "x")));
        var after = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        Assert.Equal("z1", before[0]);
        Assert.Equal("y", after[0]);
    }

    [Fact]
    public async Task Rerank_AfterPurchase_PutsPurchasedItemLast()
    {
        await PostOkAsync(Client, "/v1/items", Items(
            Item("p1", "One", "c"), Item("p2", "Two", "c"), Item("p3", "Three", "c"), Item("p4", "Four", "c")));
        var request = Rerank("u-buy", "p1", "p2", "p3", "p4");
        var before = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        await PostOkAsync(Client, "/v1/events", Events(Event("purchase", "u-buy", "p1")));
        var after = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        Assert.Equal("p1", before[0]);
        Assert.Equal("p1", after[^1]);
    }

    [Fact]
    public async Task Rerank_UnknownUserAndItems_ReturnsFullRanking()
    {
        string[] ids = ["ghost-1", "ghost-2", "ghost-3", "ghost-4", "ghost-5"];

        var answer = await PostOkAsync(Client, "/v1/rerank", Rerank("stranger", ids));

        var items = answer["items"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5], items.Select(i => i!["rank"]!.GetValue<int>()));
        Assert.Equal(ids.Order(), items.Select(i => i!["id"]!.GetValue<string>()).Order());
        Assert.All(items, i => Assert.True(float.IsFinite(i!["score"]!.GetValue<float>())));
        Assert.False(string.IsNullOrEmpty(answer["model"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(answer["requestId"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Rerank_WithLimit_ReturnsTopLimitItems()
    {
        var request = Rerank("stranger", "c1", "c2", "c3", "c4", "c5", "c6");
        var full = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));
        request["limit"] = 3;

        var limited = await PostOkAsync(Client, "/v1/rerank", request);

        Assert.Equal(full[..3], RankedIds(limited));
        Assert.Equal([1, 2, 3], limited["items"]!.AsArray().Select(i => i!["rank"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Rerank_UnknownCandidates_DoNotEnterCatalog()
    {
        await PostOkAsync(Client, "/v1/rerank", Rerank("stranger", "phantom-1", "phantom-2"));

        using var response = await Client.GetAsync("/v1/items/phantom-1", Ct);
        var ready = await GetOkAsync(Client, "/readyz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, ready["items"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rerank_Explain_ReturnsContributions()
    {
        var request = Rerank("stranger", "e1", "e2");
        request["explain"] = true;

        var answer = await PostOkAsync(Client, "/v1/rerank", request);

        var contributions = answer["items"]![0]!["contributions"]!.AsObject();
        Assert.True(contributions.ContainsKey("covisitation"), contributions.ToJsonString());
    }
}
