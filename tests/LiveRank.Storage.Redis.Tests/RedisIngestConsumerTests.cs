using System.Diagnostics;
using System.Text;
using LiveRank.Domain;
using LiveRank.Storage.Redis.Ingestion;
using StackExchange.Redis;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Storage.Redis.Tests;

/// <summary>Streaming ingestion from a Redis stream: at least once, idempotent, poison messages dead-lettered.</summary>
public sealed class RedisIngestConsumerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncDisposable
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly string _target = redis.NewTarget();
    private readonly CancellationTokenSource _stop = new();
    private RedisStateStore? _store;
    private ConnectionMultiplexer? _producer;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_store is not null) await _store.DisposeAsync();
        if (_producer is not null) await _producer.DisposeAsync();
        _stop.Dispose();
    }

    /// <summary>Test wire format: <c>type|user|item[|id]</c>; an event without id takes one from the message id.</summary>
    private static UserEvent? Decode(string messageId, ReadOnlySpan<byte> payload, out string? error)
    {
        var parts = Encoding.UTF8.GetString(payload).Split('|');
        if (parts.Length is < 3 or > 4)
        {
            error = $"expected type|user|item[|id], got {parts.Length} fields";
            return null;
        }
        error = null;
        return Event(parts[1], parts[2], type: parts[0], id: parts.Length == 4 ? parts[3] : "stream:" + messageId);
    }

    private async Task<(RedisStateStore Store, IDatabase Db)> OpenAsync()
    {
        _store = await RedisStateStore.OpenAsync(_target, new StoreOptions(), cancellationToken: _ct);
        _producer = await ConnectionMultiplexer.ConnectAsync(redis.Server.Endpoint);
        return (_store, _producer.GetDatabase());
    }

    private Task ProduceAsync(IDatabase db, string payload) =>
        db.StreamAddAsync(_store!.Keys.Ingest, RedisIngestConsumer.EventField, payload);

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"{what} did not happen within 20 s");
            await Task.Delay(20, _ct); // polling, bounded
        }
    }

    [Fact]
    public async Task RunAsync_PoisonMessagesAmongValid_ValidStoredPoisonDeadLetteredConsumerGoesOn()
    {
        var (store, db) = await OpenAsync();
        for (int i = 0; i < 40; i++) await ProduceAsync(db, $"view|u{i % 4}|item{i % 7}|ok-{i}");
        await ProduceAsync(db, "not an event");
        await ProduceAsync(db, "teleport|u1|item1|bad-type");
        await db.StreamAddAsync(store.Keys.Ingest, "other", "no event field");
        await using var consumer = new RedisIngestConsumer(store, Decode, new IngestConsumerOptions { BatchSize = 16 });
        var running = consumer.RunAsync(_stop.Token);

        await WaitUntilAsync(() => consumer.Consumed == 43, "consuming 43 messages");
        await ProduceAsync(db, "purchase|u0|item1|after-poison");
        await WaitUntilAsync(() => consumer.Consumed == 44, "consuming after the poison");
        await consumer.MeasureAsync();

        Assert.False(running.IsCompleted);
        Assert.Equal(41, store.Statistics.EventsLogged);
        Assert.Equal(3, consumer.DeadLettered);
        var dead = await db.StreamRangeAsync(store.Keys.DeadLetters);
        string[] reasons = [.. dead.Select(d => (string)d["reason"]!)];
        Assert.Contains(reasons, r => r.Contains("expected type|user|item", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("teleport", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("no 'event' field", StringComparison.Ordinal));
        Assert.Equal("not an event", (string)dead[0][RedisIngestConsumer.EventField]!);
        Assert.Equal(0, consumer.Lag);
        Assert.Equal(0, consumer.Pending);
    }

    [Fact]
    public async Task RunAsync_MessagesLeftPendingByDeadConsumerAndReproduced_ClaimedAndEachEventAppliedOnce()
    {
        var (store, db) = await OpenAsync();
        var options = new IngestConsumerOptions { ClaimIdle = TimeSpan.FromMilliseconds(200) };
        await db.ExecuteAsync("XGROUP", "CREATE", store.Keys.Ingest, options.Group, "0", "MKSTREAM");
        for (int i = 0; i < 10; i++) await ProduceAsync(db, $"click|claimed|item{i}|c-{i}");
        // A consumer that read them and died before acknowledging.
        var delivered = await db.StreamReadGroupAsync(store.Keys.Ingest, options.Group, "crashed", ">", 100);
        Assert.Equal(10, delivered.Length);
        // The producer retried the same events (same ids); one more event has no id (it takes the message id).
        for (int i = 0; i < 10; i++) await ProduceAsync(db, $"click|claimed|item{i}|c-{i}");
        await ProduceAsync(db, "view|claimed|item0");

        await using var consumer = new RedisIngestConsumer(store, Decode, options);
        var running = consumer.RunAsync(_stop.Token);
        await WaitUntilAsync(() => consumer.Consumed >= 21, "claiming and consuming 21 messages");
        await consumer.MeasureAsync();

        Assert.Equal(11, store.State.Summarize("claimed")!.TotalEvents);
        Assert.Equal(0, consumer.Pending);
        Assert.Equal(0, consumer.DeadLettered);
        Assert.False(running.IsCompleted);
    }
}
