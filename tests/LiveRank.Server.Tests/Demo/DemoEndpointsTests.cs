using System.Net;
using System.Net.Http.Headers;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Demo;

public sealed class DemoEndpointsTests() : ServerTest(new Dictionary<string, string?>
{
    ["LiveRank:Semantic:Enabled"] = "false",
    ["LiveRank:Retrieval:PopularRefresh"] = "00:00:00",
})
{
    [Fact]
    public async Task DemoPage_IsServedFromTheAssembly_WithETagAndNoOtherOrigin()
    {
        using var page = await Client.GetAsync("/demo", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<script src=\"/demo/demo.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        using var script = await Client.GetAsync("/demo/demo.js", Ct);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/demo/demo.js");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(script.Headers.ETag!.ToString()));
        using var notModified = await Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var missing = await Client.GetAsync("/demo/secrets.json", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task DemoCalls_ListUsersHistoryWithTitlesAndPopularCandidates()
    {
        await DemoCatalog.LoadAsync(Client);

        var users = await GetOkAsync(Client, "/v1/demo/users?limit=3");
        Assert.Equal(13, users["total"]!.GetValue<int>()); // twelve viewers and ana
        Assert.Equal(["ana", "viewer0", "viewer1"], users["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>()));
        Assert.Equal(1, users["users"]![0]!["events"]!.GetValue<long>());

        var ana = await GetOkAsync(Client, "/v1/demo/users/ana");
        Assert.Equal("Toy Story (1995)", ana["recent"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("view", ana["recent"]![0]!["type"]!.GetValue<string>());
        Assert.Contains("Toy Story (1995)", ana["narrative"]!.GetValue<string>(), StringComparison.Ordinal);

        var stranger = await GetOkAsync(Client, "/v1/demo/users/stranger");
        Assert.Equal(0, stranger["totalEvents"]!.GetValue<long>());
        Assert.Empty(stranger["recent"]!.AsArray());

        var candidates = await GetOkAsync(Client, "/v1/demo/candidates?count=3");
        // Most viewed first: m1 (12 viewers and ana), m2 (11), m3 (10).
        Assert.Equal(["m1", "m2", "m3"], candidates["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal("Family", candidates["items"]![0]!["categories"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/v1/demo/users?limit=0", "limit")]
    [InlineData("/v1/demo/users?limit=1001", "limit")]
    [InlineData("/v1/demo/users/ana?limit=51", "limit")]
    [InlineData("/v1/demo/candidates?count=101", "count")]
    public async Task DemoCalls_OutOfRangeLimits_Are422(string path, string field)
    {
        using var response = await Client.GetAsync(path, Ct);
        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task DemoCalls_NonNumericLimit_Is400NotA500()
    {
        using var response = await Client.GetAsync("/v1/demo/users?limit=lots", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
