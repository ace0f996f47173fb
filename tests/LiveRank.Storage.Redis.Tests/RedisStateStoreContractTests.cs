using System.Text;
using LiveRank.Tests.Storage;
using StackExchange.Redis;

namespace LiveRank.Storage.Redis.Tests;

/// <summary>
/// The store contract on the Redis store, against Debian's redis-server (append-only file, everysec). Each test has
/// its own server: the erasure check scans every key and the append-only file on disk, which must hold no other
/// test's writes of the same user.
/// </summary>
public sealed class RedisStateStoreContractTests : StateStoreContractTests, IAsyncLifetime
{
    private readonly RedisServerFixture redis = new();
    private string? _target;

    public ValueTask InitializeAsync() => redis.InitializeAsync();

    public override async ValueTask DisposeAsync()
    {
        await redis.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override async Task<IStateStore> OpenAsync(StoreOptions options) =>
        await RedisStateStore.OpenAsync(_target ??= redis.NewTarget(), options, cancellationToken: Ct);

    protected override async Task AssertNothingStoredAboutAsync(string userId)
    {
        byte[] needle = Encoding.UTF8.GetBytes(userId);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Endpoint + ",allowAdmin=true");
        var server = connection.GetServer(redis.Server.Endpoint);
        var db = connection.GetDatabase();
        foreach (var key in server.Keys(pattern: "*"))
        {
            var type = await db.KeyTypeAsync(key);
            if (type == RedisType.String)
            {
                byte[]? value = await db.StringGetAsync(key);
                Assert.True(value is null || value.AsSpan().IndexOf(needle) < 0, $"{key} still names {userId}");
            }
            else if (type == RedisType.Stream)
            {
                foreach (var entry in await db.StreamRangeAsync(key))
                {
                    foreach (var field in entry.Values)
                        Assert.True(((byte[])field.Value!).AsSpan().IndexOf(needle) < 0, $"{key} {entry.Id} still names {userId}");
                }
            }
        }
        // And on disk, once the append-only file rewrite that forgetting started has finished.
        await WaitForAofRewriteAsync(server);
        foreach (string file in Directory.EnumerateFiles(redis.Server.Directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{file} still names {userId}");
        }
    }

    private async Task WaitForAofRewriteAsync(IServer server)
    {
        for (int i = 0; i < 200; i++)
        {
            var info = await server.InfoAsync("persistence");
            var fields = info.SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
            if (fields["aof_rewrite_in_progress"] == "0" && fields["aof_rewrite_scheduled"] == "0") return;
            await Task.Delay(50, Ct); // polling, bounded by 10 s
        }
        Assert.Fail("The append-only file rewrite did not finish within 10 s.");
    }
}
