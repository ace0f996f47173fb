using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>The language model end to end through HTTP, on the real bundled encoder.</summary>
public sealed class SemanticRankingTests() : ServerTest(new Dictionary<string, string?> { ["LiveRank:Semantic:NarrativeDebounce"] = "00:00:00.050" })
{
    private static JsonObject Catalog(bool wait) => new()
    {
        ["items"] = new JsonArray(
            Item("starwars", "Star Wars: a space opera with starships and galactic battles", "film"),
            Item("alien", "Alien: horror aboard a starship in deep space", "film"),
            Item("pride", "Pride and Prejudice: a romance in Regency England", "film"),
            Item("notebook", "The Notebook: a love story and romance", "film")),
        ["wait"] = wait,
    };

    [Fact]
    public async Task Upsert_WithWait_AnswersOnceEveryVectorExists()
    {
        var answer = await PostOkAsync(Client, "/v1/items", Catalog(wait: true));

        Assert.Equal(4, answer["accepted"]!.GetValue<int>());
        Assert.Equal(0, answer["vectorsPending"]!.GetValue<int>());
        var ready = await GetOkAsync(Client, "/readyz");
        Assert.Equal(4, ready["itemVectors"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rerank_AfterAClickOnASpaceFilm_PutsTheOtherSpaceFilmFirst()
    {
        await PostOkAsync(Client, "/v1/items", Catalog(wait: true));
        var request = Rerank("fan", "pride", "notebook", "alien");
        request["explain"] = true;
        var before = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));

        await PostOkAsync(Client, "/v1/events", Events(Event("click", "fan", "starwars")));
        var after = await PostOkAsync(Client, "/v1/rerank", request);

        Assert.Equal(["pride", "notebook", "alien"], before); // no history: upstream order
        Assert.Equal("alien", RankedIds(after)[0]);
        var alien = after["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "alien")!["contributions"]!;
        var pride = after["items"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == "pride")!["contributions"]!;
        Assert.True(alien["session_similarity"]!.GetValue<float>() > pride["session_similarity"]!.GetValue<float>());
        Assert.True(alien["recent_item_similarity"]!.GetValue<float>() > pride["recent_item_similarity"]!.GetValue<float>());
    }

    [Fact]
    public async Task Restart_FindsEveryVectorInTheCache()
    {
        using var directory = new TempStoreDirectory();
        await using (var first = new LiveRankFactory(directory))
        {
            using var client = first.CreateClient();
            await PostOkAsync(client, "/v1/items", Catalog(wait: true));
        }

        await using var second = new LiveRankFactory(directory);
        using var restarted = second.CreateClient();
        var ready = await GetOkAsync(restarted, "/readyz");

        Assert.Equal(4, ready["itemVectors"]!.GetValue<int>());
        Assert.Equal(0, ready["encodeQueue"]!.GetValue<int>());
    }

    [Fact]
    public async Task Events_RefreshTheNarrativeVectorInTheBackground()
    {
        await PostOkAsync(Client, "/v1/items", Catalog(wait: true));
        await PostOkAsync(Client, "/v1/events", Events(Event("click", "reader", "pride"), Event("view", "reader", "notebook")));
        var request = Rerank("reader", "alien", "starwars");
        request["explain"] = true;

        // The refresher runs every 50 ms here; poll (bounded) until the narrative feature appears.
        float narrative = 0;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (narrative == 0 && DateTime.UtcNow < deadline)
        {
            var answer = await PostOkAsync(Client, "/v1/rerank", request);
            narrative = answer["items"]!.AsArray()[0]!["contributions"]!["narrative_similarity"]!.GetValue<float>();
            if (narrative == 0) await Task.Delay(20, Ct);
        }
        var user = await GetOkAsync(Client, "/v1/users/reader");

        Assert.NotEqual(0f, narrative);
        Assert.Contains("Pride and Prejudice", user["narrative"]!.GetValue<string>());
    }
}
