using System.Net;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class HealthEndpointsTests : ServerTest
{

    [Fact]
    public async Task Healthz_Always_ReturnsOk()
    {
        var health = await GetOkAsync(Client, "/healthz");

        Assert.Equal("ok", health["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Readyz_OpenStore_ReportsReadyWithCounts()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("r1", "One"), Item("r2", "Two")));
        await PostOkAsync(Client, "/v1/events", Events(Event("view", "u-ready", "r1"), Event("view", "u-ready", "r2")));

        var ready = await GetOkAsync(Client, "/readyz");

        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.Equal("embedded", ready["store"]!.GetValue<string>());
        Assert.Equal(2, ready["items"]!.GetValue<int>());
        Assert.Equal(1, ready["users"]!.GetValue<int>());
        Assert.Equal(2, ready["eventsLogged"]!.GetValue<long>());
    }

    [Fact]
    public async Task Readyz_DeletedAndEventOnlyItems_CountsCatalogOnly()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("c1", "One"), Item("c2", "Two")));
        var deleted = await Client.DeleteAsync("/v1/items/c2", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await PostOkAsync(Client, "/v1/events", Events(Event("view", "u-count", "not-in-catalog")));

        var ready = await GetOkAsync(Client, "/readyz");

        Assert.Equal(1, ready["items"]!.GetValue<int>());
    }

    [Fact]
    public async Task OpenApi_Document_ListsRerank()
    {
        var document = await GetOkAsync(Client, "/openapi/v1.json");

        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/v1/rerank"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.True(paths.ContainsKey("/v1/events"));
        Assert.True(paths.ContainsKey("/v1/items"));
    }

    [Fact]
    public async Task Docs_IndexPage_IsServed()
    {
        using var response = await Client.GetAsync("/docs/index.html", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
