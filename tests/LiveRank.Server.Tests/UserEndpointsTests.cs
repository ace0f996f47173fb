using System.Net;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class UserEndpointsTests : ServerTest
{

    [Fact]
    public async Task Get_UnknownUser_Returns404Problem()
    {
        using var response = await Client.GetAsync("/v1/users/nobody", Ct);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_KnownUser_SummarisesEvents()
    {
        await PostOkAsync(Client, "/v1/events", Events(Event("view", "u-sum", "i1"), Event("click", "u-sum", "i1")));

        var user = await GetOkAsync(Client, "/v1/users/u-sum");

        Assert.Equal("u-sum", user["userId"]!.GetValue<string>());
        Assert.Equal(2, user["totalEvents"]!.GetValue<long>());
        Assert.Equal(1, user["eventCounts"]!["view"]!.GetValue<int>());
        Assert.Equal(1, user["eventCounts"]!["click"]!.GetValue<int>());
        Assert.Equal(2, user["recentEvents"]!.AsArray().Count);
        Assert.Equal("clicked i1; viewed i1.", user["narrative"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_KnownUser_NarratesWithCatalogTitlesNewestFirst()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("1", "Toy Story (1995)"), Item("6", "Heat (1995)"), Item("2571", "Matrix, The (1999)")));
        var rating = Event("rating", "u-story", "6");
        rating["value"] = 5;
        await PostOkAsync(Client, "/v1/events", Events(
            Event("skip", "u-story", "sku-gone"), rating, Event("view", "u-story", "1"), Event("view", "u-story", "1"),
            Event("purchase", "u-story", "2571")));

        var user = await GetOkAsync(Client, "/v1/users/u-story");

        Assert.Equal("bought Matrix, The (1999); viewed Toy Story (1995) twice; rated Heat (1995) 5/5; skipped sku-gone.",
            user["narrative"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_UnknownUser_Returns204()
    {
        using var first = await Client.DeleteAsync("/v1/users/never-seen", Ct);
        using var second = await Client.DeleteAsync("/v1/users/never-seen", Ct);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
    }
}
