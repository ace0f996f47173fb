using System.Diagnostics;
using LiveRank.Testing.Redis;
using LiveRank.Tests.Storage;
using StackExchange.Redis;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Storage.Redis.Tests;

/// <summary>What the Redis store adds to the contract: several replicas on one Redis, log trimming, outages.</summary>
public sealed class RedisStateStoreTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _target = redis.NewTarget();

    [Fact]
    public async Task CatchUpAsync_WriteAcknowledgedByOtherReplica_StateHoldsItAndDecidesDuplicatesAlike()
    {
        await using var a = await RedisStateStore.OpenAsync(_target, new StoreOptions(), cancellationToken: _ct);
        await using var b = await RedisStateStore.OpenAsync(_target, new StoreOptions(), cancellationToken: _ct);
        await a.UpsertItemsAsync([Item("x", "shoes")], _ct);

        var first = await a.AppendEventsAsync([Event("u", "x", type: "purchase", id: "p-1")], _ct);
        Assert.True(await b.CatchUpAsync(_ct));
        var again = await b.AppendEventsAsync([Event("u", "x", type: "purchase", id: "p-1")], _ct);

        Assert.Equal(new AppendResult(1, 0), first);
        Assert.Equal(new AppendResult(0, 1), again);
        Assert.NotNull(b.State.GetItem("x"));
        StateAssert.Same(a.State, b.State);
    }

    [Fact]
    public async Task AppendEventsAsync_PastSnapshotEveryRecords_SnapshotTrimsLogAndReopenGivesSameState()
    {
        var options = new StoreOptions { SnapshotEveryRecords = 40 };
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Endpoint);
        var db = connection.GetDatabase();
        LiveRank.State.LiveState reference;
        RedisKeys keys;
        await using (var store = await RedisStateStore.OpenAsync(_target, options, cancellationToken: _ct))
        {
            keys = store.Keys;
            for (int i = 0; i < 150; i++) await store.AppendEventsAsync([Event("u" + (i % 3), "item" + (i % 9), atSeconds: i * 30, id: "s-" + i)], _ct);
            var waited = Stopwatch.StartNew();
            while (!(await db.StringGetAsync(keys.Snapshot)).HasValue)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "no snapshot within 20 s");
                await Task.Delay(20, _ct); // polling, bounded
            }
            reference = NewState().With([.. Enumerable.Range(0, 150).Select(i => Event("u" + (i % 3), "item" + (i % 9), atSeconds: i * 30, id: "s-" + i))]);
        }

        Assert.True(await db.StreamLengthAsync(keys.Log) < 150);
        await using var reopened = await RedisStateStore.OpenAsync(_target, options, cancellationToken: _ct);
        StateAssert.Same(reference, reopened.State);
        Assert.Equal(150, reopened.Statistics.EventsLogged);
    }

    [Fact]
    public async Task AppendEventsAsync_RedisDown_ThrowsUnavailableAndRankingsDegrade_ThenReconnects()
    {
        await using var own = await RedisServerProcess.StartNewAsync(_ct);
        await using var store = await RedisStateStore.OpenAsync(own.Endpoint, new StoreOptions(), cancellationToken: _ct);
        await store.AppendEventsAsync([Event("u", "a", id: "before")], _ct);

        await own.KillAsync(_ct);

        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await store.AppendEventsAsync([Event("u", "b", id: "during")], _ct));
        Assert.False(await store.CatchUpAsync(_ct));
        Assert.Equal(1, store.State.Summarize("u")!.TotalEvents); // local state keeps serving

        await own.StartAsync(_ct);
        var waited = Stopwatch.StartNew();
        while (!await store.CatchUpAsync(_ct))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "the store did not reconnect within 20 s");
            await Task.Delay(50, _ct); // polling, bounded
        }
        var retried = await store.AppendEventsAsync([Event("u", "b", id: "during")], _ct);
        Assert.Equal(new AppendResult(1, 0), retried);
        Assert.Equal(2, store.State.Summarize("u")!.TotalEvents);
    }
}
