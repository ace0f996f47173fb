using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Distributed;

/// <summary>Replicas and Redis killed with SIGKILL: nothing acknowledged is lost, nothing is dropped silently, and the
/// survivors keep answering and reconnect on their own.</summary>
public sealed class ReplicaFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private ReplicaSet? _replicas;

    private ReplicaSet Replicas => _replicas!;

    public async ValueTask InitializeAsync()
    {
        _replicas = await ReplicaSet.StartAsync(Ct);
        await PostOkAsync(Replicas.A.Client, "/v1/items", Items(
            Item("f1", "Red shoes", "shoes"), Item("f2", "Blue shoes", "shoes"), Item("f3", "Green hat", "hats"), Item("f4", "Black hat", "hats")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_replicas is not null) await _replicas.DisposeAsync();
    }

    [Fact]
    public async Task ReplicaKilledThenRedisDown_SurvivorServesDegradedRefusesWritesAndRecovers()
    {
        var b = Replicas.B.Client;
        var rerank = Rerank("survivor", "f1", "f2", "f3", "f4");
        await Replicas.A.KillAsync(Ct);

        // One replica gone: the other is unaffected.
        var ok = await PostOkAsync(b, "/v1/events", Events(Event("view", "survivor", "f3", id: "sv-1")));
        Assert.Equal(1, ok["accepted"]!.GetValue<int>());
        Assert.Null((await PostOkAsync(b, "/v1/rerank", rerank))["degraded"]);

        await Replicas.Redis.KillAsync(Ct);

        // Redis gone: rankings answer from local state, flagged; writes are refused, never dropped silently.
        var degraded = await PostOkAsync(b, "/v1/rerank", rerank);
        Assert.True(degraded["degraded"]!.GetValue<bool>());
        Assert.Equal(4, degraded["items"]!.AsArray().Count);
        using (var refused = await PostAsync(b, "/v1/events", Events(Event("view", "survivor", "f4", id: "sv-2"))))
        {
            var problem = await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("https://liverank.dev/problems/store-unavailable", problem["type"]!.GetValue<string>());
            Assert.True(refused.Headers.RetryAfter is not null);
        }

        await Replicas.Redis.StartAsync(Ct);

        // The client reconnects by itself: the refused event, retried, is accepted once Redis is back.
        var retried = await RetryUntilOkAsync(b, Events(Event("view", "survivor", "f4", id: "sv-2")));
        Assert.Equal(1, retried["accepted"]!.GetValue<int>());
        Assert.Null((await PostOkAsync(b, "/v1/rerank", rerank))["degraded"]);
        Assert.Equal(2, (await GetOkAsync(b, "/v1/users/survivor"))["totalEvents"]!.GetValue<int>());
    }

    [Fact]
    public async Task RedisKilledUnderLoad_EveryAcknowledgedEventKept_ReplicasReconnect()
    {
        string[] users = ["load-a1", "load-a2", "load-b1", "load-b2"];
        var acknowledged = new ConcurrentDictionary<string, int>();
        var attempted = new ConcurrentDictionary<string, int>();
        var afterRestart = new ConcurrentDictionary<string, int>();
        bool restarted = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        async Task PostLoopAsync(HttpClient client, string user)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                attempted.AddOrUpdate(user, 1, (_, n) => n + 1);
                try
                {
                    using var response = await client.PostAsync("/v1/events",
                        Json(Events(Event("view", user, "f" + (1 + i % 4), id: $"{user}-{i}"))), stop.Token);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        acknowledged.AddOrUpdate(user, 1, (_, n) => n + 1);
                        if (Volatile.Read(ref restarted)) afterRestart.AddOrUpdate(user, 1, (_, n) => n + 1);
                    }
                    else
                    {
                        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode); // refused, never a 500
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }

        var load = new[]
        {
            PostLoopAsync(Replicas.A.Client, users[0]), PostLoopAsync(Replicas.A.Client, users[1]),
            PostLoopAsync(Replicas.B.Client, users[2]), PostLoopAsync(Replicas.B.Client, users[3]),
        };
        await WaitUntilAsync(() => users.All(u => acknowledged.GetValueOrDefault(u) >= 20));
        await Replicas.Redis.KillAsync(Ct);
        await Task.Delay(300, Ct); // writes meet a dead Redis for a moment
        await Replicas.Redis.StartAsync(Ct);
        Volatile.Write(ref restarted, true);
        await WaitUntilAsync(() => users.All(u => afterRestart.GetValueOrDefault(u) >= 20));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(attempted.Values.Sum() > acknowledged.Values.Sum(), "no write met the dead Redis");

        // A replica started now knows only what Redis kept: every acknowledged event is there.
        await using var fresh = await Replicas.StartReplicaAsync(Ct);
        foreach (string user in users)
        {
            long stored = (await GetOkAsync(fresh.Client, $"/v1/users/{user}"))["totalEvents"]!.GetValue<long>();
            Assert.InRange(stored, acknowledged[user], attempted[user]);
            Assert.Equal(stored, (await GetOkAsync(Replicas.A.Client, $"/v1/users/{user}"))["totalEvents"]!.GetValue<long>());
            Assert.Equal(stored, (await GetOkAsync(Replicas.B.Client, $"/v1/users/{user}"))["totalEvents"]!.GetValue<long>());
        }
    }

    private static async Task<JsonNode> RetryUntilOkAsync(HttpClient client, JsonObject body)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var response = await PostAsync(client, "/v1/events", body.DeepClone());
            if (response.StatusCode == HttpStatusCode.OK) return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(waited.Elapsed < Bound, "the replica did not reconnect to Redis within 20 s");
            await Task.Delay(100, Ct); // a client's retry interval, bounded by Bound
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < Bound, "the load did not make progress within 20 s");
            await Task.Delay(20, Ct); // polling interval, bounded by Bound
        }
    }
}
