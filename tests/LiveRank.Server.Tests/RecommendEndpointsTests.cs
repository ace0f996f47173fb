using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class RecommendEndpointsTests() : ServerTest(new Dictionary<string, string?>
{
    // Every event is seen by the next popular list: the list is rebuilt whenever the state changed.
    ["LiveRank:Retrieval:PopularRefresh"] = "00:00:00",
})
{
    private static JsonObject Recommend(string userId, int? limit = null, bool? includeSeen = null, bool? explain = null)
    {
        var body = new JsonObject { ["userId"] = userId };
        if (limit is int l) body["limit"] = l;
        if (includeSeen is bool s) body["includeSeen"] = s;
        if (explain is bool e) body["explain"] = e;
        return body;
    }

    [Fact]
    public async Task Recommend_ColdUser_ReturnsThePopularItems()
    {
        await PostOkAsync(Client, "/v1/items", Items(
            Item("p1", "Kettle"), Item("p2", "Toaster"), Item("p3", "Blender"), Item("p4", "Mixer"), Item("p5", "Grill")));
        await PostOkAsync(Client, "/v1/events", Events(
            Event("view", "s1", "p3"), Event("view", "s2", "p3"), Event("view", "s3", "p3"),
            Event("view", "s4", "p1"), Event("view", "s5", "p1"), Event("view", "s6", "p5")));

        var answer = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger", limit: 2));

        Assert.Equal(["p3", "p1"], RankedIds(answer));
        Assert.Equal([1, 2], answer["items"]!.AsArray().Select(i => i!["rank"]!.GetValue<int>()));
        Assert.False(string.IsNullOrEmpty(answer["requestId"]?.GetValue<string>()));
        Assert.True(answer["tookMs"]!.GetValue<double>() >= 0);
        var ready = await GetOkAsync(Client, "/readyz");
        Assert.Equal(ready["model"]!.GetValue<string>(), answer["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Recommend_AfterAView_PutsTheCoVisitedItemFirstAndLeavesTheSeenItemOut()
    {
        string[] catalog = ["x", "y", "z1", "z2", "z3"];
        await PostOkAsync(Client, "/v1/items", Items([.. catalog.Select(id => Item(id, "Item " + id))]));
        var events = new List<JsonObject>();
        for (int u = 0; u < 3; u++)
        {
            // Each shopper views x then y in one session; the Zs are twice as popular as y.
            events.Add(Event("view", $"shopper-{u}", "x"));
            events.Add(Event("view", $"shopper-{u}", "y"));
            foreach (string z in new[] { "z1", "z2", "z3" })
            {
                events.Add(Event("view", $"browser-{z}-{u}", z));
                events.Add(Event("view", $"browser-{z}-{u}-b", z));
            }
        }
        await PostOkAsync(Client, "/v1/events", Events([.. events]));
        var before = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("probe")));

        await PostOkAsync(Client, "/v1/events", Events(Event("click", "probe", "x")));
        var after = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("probe")));

        Assert.NotEqual("y", before[0]);
        Assert.Contains("x", before);
        Assert.Equal("y", after[0]);
        Assert.DoesNotContain("x", after);
    }

    [Fact]
    public async Task Recommend_AfterAClickOnASpaceFilm_PutsTheOtherSpaceFilmFirst()
    {
        await PostOkAsync(Client, "/v1/items", new JsonObject
        {
            ["items"] = new JsonArray(
                Item("starwars", "Star Wars: a space opera with starships and galactic battles", "film"),
                Item("alien", "Alien: horror aboard a starship in deep space", "film"),
                Item("pride", "Pride and Prejudice: a romance in Regency England", "film"),
                Item("notebook", "The Notebook: a love story and romance", "film")),
            ["wait"] = true,
        });
        // Others made the romances popular: a cold user gets them first.
        await PostOkAsync(Client, "/v1/events", Events(Event("view", "r1", "pride"), Event("view", "r2", "notebook")));
        var before = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("fan")));

        await PostOkAsync(Client, "/v1/events", Events(Event("click", "fan", "starwars")));
        var after = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("fan")));

        Assert.NotEqual("alien", before[0]);
        Assert.Equal("alien", after[0]);
        Assert.DoesNotContain("starwars", after);
    }

    [Fact]
    public async Task Recommend_IncludeSeen_KeepsTheSeenItem()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("a", "A"), Item("b", "B")));
        await PostOkAsync(Client, "/v1/events", Events(Event("click", "me", "a")));

        var without = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("me")));
        var with = RankedIds(await PostOkAsync(Client, "/v1/recommend", Recommend("me", includeSeen: true)));

        Assert.Equal(["b"], without);
        Assert.Equal(["a", "b"], with.Order());
    }

    [Fact]
    public async Task Recommend_DeletedItem_IsNotRecommended()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("keep", "Keep"), Item("gone", "Gone")));
        await PostOkAsync(Client, "/v1/events", Events(Event("purchase", "buyer", "gone"), Event("view", "viewer", "keep")));
        using (var deleted = await Client.DeleteAsync("/v1/items/gone", Ct)) Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var answer = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger"));

        Assert.Equal(["keep"], RankedIds(answer));
    }

    [Fact]
    public async Task Recommend_Limit_IsRespected()
    {
        await PostOkAsync(Client, "/v1/items", Items([.. Enumerable.Range(0, 15).Select(i => Item($"i{i}", $"Item {i}"))]));

        var byDefault = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger"));
        var five = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger", limit: 5));
        var all = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger", limit: 1000));

        Assert.Equal(10, RankedIds(byDefault).Length);
        Assert.Equal(RankedIds(byDefault)[..5], RankedIds(five));
        Assert.Equal([1, 2, 3, 4, 5], five["items"]!.AsArray().Select(i => i!["rank"]!.GetValue<int>()));
        Assert.Equal(15, RankedIds(all).Distinct().Count());
    }

    [Fact]
    public async Task Recommend_EmptyCatalog_ReturnsNoItems()
    {
        var answer = await PostOkAsync(Client, "/v1/recommend", Recommend("anyone"));

        Assert.Empty(answer["items"]!.AsArray());
    }

    [Fact]
    public async Task Recommend_Explain_ReturnsContributions()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("e1", "One"), Item("e2", "Two")));

        var answer = await PostOkAsync(Client, "/v1/recommend", Recommend("stranger", explain: true));

        var contributions = answer["items"]![0]!["contributions"]!.AsObject();
        Assert.True(contributions.ContainsKey("trending"), contributions.ToJsonString());
    }

    [Fact]
    public async Task Recommend_MalformedJson_Returns400NamingThePath()
    {
        using var response = await PostAsync(Client, "/v1/recommend", """{"userId":"u","limit":}""");

        await AssertMalformedAsync(response, "$.limit");
    }

    [Theory]
    [InlineData("""{"userId":"u","limit":"ten"}""", "$.limit")]
    [InlineData("""{"userId":"u","includeSeen":"yes"}""", "$.includeSeen")]
    [InlineData("""{"userId":42}""", "$.userId")]
    [InlineData("null", null)]
    [InlineData("[]", null)]
    [InlineData("", null)]
    public async Task Recommend_WrongJsonShape_Returns400(string body, string? path)
    {
        using var response = await PostAsync(Client, "/v1/recommend", body);

        await AssertMalformedAsync(response, path);
    }

    [Theory]
    [InlineData("""{}""", "userId")]
    [InlineData("""{"userId":"  "}""", "userId")]
    [InlineData("""{"userId":"u","limit":0}""", "limit")]
    [InlineData("""{"userId":"u","limit":1001}""", "limit")]
    [InlineData("""{"userId":"u","limit":-3}""", "limit")]
    [InlineData("""{"userId":"u","sessionId":""}""", "sessionId")]
    [InlineData("""{"userId":"a\u0001b"}""", "userId")]
    public async Task Recommend_InvalidField_Returns422NamingTheField(string body, string field)
    {
        using var response = await PostAsync(Client, "/v1/recommend", body);

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Recommend_OversizeBody_Returns413()
    {
        await using var factory = new LiveRankFactory(new Dictionary<string, string?>
        {
            ["LiveRank:Api:MaxRequestBodyBytes"] = "1024",
            ["LiveRank:Semantic:Enabled"] = "false",
        });
        using var client = factory.CreateClient();
        string body = $$"""{"userId":"{{new string('u', 2000)}}"}""";

        using var response = await PostAsync(client, "/v1/recommend", body);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}
