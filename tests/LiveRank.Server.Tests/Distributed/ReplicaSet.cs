using LiveRank.Server.Tests.Infrastructure;
using LiveRank.Testing.Redis;

namespace LiveRank.Server.Tests.Distributed;

/// <summary>One real <c>redis-server</c> and two real LiveRank server processes sharing it (replicas A and B).</summary>
public sealed class ReplicaSet : IAsyncDisposable
{
    // The narrative refresher is parked so that replicas rank from acknowledged state alone; both replicas consume the
    // ingest stream (one consumer group).
    public static readonly string[] Settings = ["--LiveRank:Semantic:NarrativeDebounce=1.00:00:00", "--LiveRank:Ingestion:Enabled=true"];

    private ReplicaSet(RedisServerProcess redis, string connection, ServerProcess a, ServerProcess b)
    {
        Redis = redis;
        Connection = connection;
        A = a;
        B = b;
    }

    /// <summary>The key prefix of the replicas' deployment: streams are <c>{replicas}:ingest</c> and so on.</summary>
    public const string Prefix = "replicas";

    public RedisServerProcess Redis { get; }

    /// <summary>The store connection string both replicas use.</summary>
    public string Connection { get; }

    public ServerProcess A { get; }

    public ServerProcess B { get; }

    public static async Task<ReplicaSet> StartAsync(CancellationToken cancellationToken)
    {
        var redis = await RedisServerProcess.StartNewAsync(cancellationToken);
        string connection = $"redis://{redis.Endpoint}/{Prefix}";
        ServerProcess? a = null;
        try
        {
            a = await ServerProcess.StartAsync(connection, cancellationToken, Settings);
            var b = await ServerProcess.StartAsync(connection, cancellationToken, Settings);
            return new ReplicaSet(redis, connection, a, b);
        }
        catch
        {
            if (a is not null) await a.DisposeAsync();
            await redis.DisposeAsync();
            throw;
        }
    }

    /// <summary>A third replica started now: it knows only what Redis holds.</summary>
    public Task<ServerProcess> StartReplicaAsync(CancellationToken cancellationToken) =>
        ServerProcess.StartAsync(Connection, cancellationToken, Settings);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
