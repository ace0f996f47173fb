using LiveRank.Testing.Redis;

namespace LiveRank.Storage.Redis.Tests;

/// <summary>One <c>redis-server</c> per test class; each test works under its own key prefix, so tests never see each other's keys.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServerProcess? _server;

    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await RedisServerProcess.StartNewAsync();

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A connection target with a fresh key prefix.</summary>
    public string NewTarget() => $"{Server.Endpoint}/t{Guid.NewGuid():N}";
}
