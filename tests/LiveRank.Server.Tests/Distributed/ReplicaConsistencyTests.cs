using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Distributed;

/// <summary>
/// Two replicas over one Redis: what one acknowledges, the other's very next request sees — no waiting, no polling.
/// (The bench runner <c>distributed</c> reports how long that takes; these tests assert that it happens at all.)
/// </summary>
public sealed class ReplicaConsistencyTests : IAsyncLifetime
{
    private ReplicaSet? _replicas;

    private ReplicaSet Replicas => _replicas!;

    public async ValueTask InitializeAsync()
    {
        _replicas = await ReplicaSet.StartAsync(Ct);
        await PostOkAsync(Replicas.A.Client, "/v1/items", Items(
            Item("c1", "Red shoes", "shoes"), Item("c2", "Blue shoes", "shoes"), Item("c3", "Green hat", "hats"),
            Item("c4", "Black hat", "hats"), Item("c5", "Wool scarf", "scarves"), Item("c6", "Silk scarf", "scarves")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_replicas is not null) await _replicas.DisposeAsync();
    }

    [Fact]
    public async Task EventPostedToA_FirstRerankOnB_RanksWithIt()
    {
        const string user = "shopper-1";
        var rerank = Rerank(user, "c1", "c2", "c3", "c4", "c5", "c6");
        string before = Ranking(await PostOkAsync(Replicas.B.Client, "/v1/rerank", rerank));

        var accepted = await PostOkAsync(Replicas.A.Client, "/v1/events", Events(
            Event("purchase", user, "c3", id: "rc-1", sessionId: "s"), Event("view", user, "c4", id: "rc-2", sessionId: "s")));
        var after = await PostOkAsync(Replicas.B.Client, "/v1/rerank", rerank);

        Assert.Equal(2, accepted["accepted"]!.GetValue<int>());
        Assert.NotEqual(before, Ranking(after));
        Assert.Null(after["degraded"]);
        var summary = await GetOkAsync(Replicas.B.Client, $"/v1/users/{user}");
        Assert.Equal(2, summary["totalEvents"]!.GetValue<int>());
        // And the same event re-posted to B is a duplicate there: both replicas decide from the same log.
        var again = await PostOkAsync(Replicas.B.Client, "/v1/events", Events(Event("purchase", user, "c3", id: "rc-1", sessionId: "s")));
        Assert.Equal(1, again["duplicates"]!.GetValue<int>());
    }

    [Fact]
    public async Task UserDeletedOnA_GoneOnB()
    {
        const string user = "shopper-2";
        await PostOkAsync(Replicas.B.Client, "/v1/events", Events(Event("cart", user, "c5", id: "rd-1"), Event("view", user, "c6", id: "rd-2")));
        await GetOkAsync(Replicas.A.Client, $"/v1/users/{user}");
        var rerank = Rerank(user, "c1", "c2", "c3", "c4", "c5", "c6");
        string cold = Ranking(await PostOkAsync(Replicas.B.Client, "/v1/rerank", Rerank("never-seen", "c1", "c2", "c3", "c4", "c5", "c6")));

        using (var deleted = await Replicas.A.Client.DeleteAsync($"/v1/users/{user}", Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await Replicas.B.Client.GetAsync($"/v1/users/{user}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(cold, Ranking(await PostOkAsync(Replicas.B.Client, "/v1/rerank", rerank)));
    }

    [Fact]
    public async Task EventsOnIngestStream_EachAppliedOnceAcrossReplicas_PoisonDeadLetteredWithReason()
    {
        const string user = "streamer-1";
        await using var producer = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Replicas.Redis.Endpoint);
        var db = producer.GetDatabase();
        string stream = "{" + ReplicaSet.Prefix + "}:ingest";
        for (int i = 0; i < 20; i++)
        {
            string json = Event("view", user, "c" + (1 + i % 6), id: "st-" + i).ToJsonString();
            await db.StreamAddAsync(stream, "event", json);
        }
        await db.StreamAddAsync(stream, "event", """{"type":"view","userId":"","itemId":"c1"}""");
        await db.StreamAddAsync(stream, "event", "{ not json");
        await db.StreamAddAsync(stream, "event", Event("view", user, "c2", id: "st-3").ToJsonString()); // a producer's retry

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await db.StreamLengthAsync(stream + ":dead") < 2 || await UserEventsAsync(user) < 20)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the ingest stream was not consumed within 20 s");
            await Task.Delay(50, Ct); // polling, bounded
        }

        Assert.Equal(20, await UserEventsAsync(user));
        Assert.Equal(20, (await GetOkAsync(Replicas.A.Client, $"/v1/users/{user}"))["totalEvents"]!.GetValue<int>());
        var dead = await db.StreamRangeAsync(stream + ":dead");
        Assert.Equal(2, dead.Length);
        Assert.Contains(dead, d => ((string)d["reason"]!).Contains("event.userId", StringComparison.Ordinal));
        Assert.Contains(dead, d => ((string)d["reason"]!).Contains("Malformed JSON", StringComparison.Ordinal));
    }

    private async Task<int> UserEventsAsync(string user)
    {
        using var response = await Replicas.B.Client.GetAsync($"/v1/users/{user}", Ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return 0;
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["totalEvents"]!.GetValue<int>();
    }

    /// <summary>The ranking without its per-request parts (request id, timing).</summary>
    private static string Ranking(JsonNode answer) =>
        string.Join(";", answer["items"]!.AsArray().Select(i => $"{i!["id"]}:{i["score"]}"));
}
