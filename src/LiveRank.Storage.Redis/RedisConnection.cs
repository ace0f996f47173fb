using StackExchange.Redis;

namespace LiveRank.Storage.Redis;

/// <summary>
/// The target of a <c>redis://</c> connection string: <c>host:port[,host:port…][/prefix]</c>. The prefix (default
/// <c>liverank</c>) names the deployment's keys; several hosts name a cluster's seed nodes.
/// </summary>
internal sealed record RedisConnection(IReadOnlyList<string> Endpoints, string Prefix)
{
    public const string DefaultPrefix = "liverank";

    public static RedisConnection Parse(string target)
    {
        string endpoints = target, prefix = DefaultPrefix;
        int slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            endpoints = target[..slash];
            if (slash + 1 < target.Length) prefix = target[(slash + 1)..];
        }
        var list = endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0) throw new FormatException($"'redis://{target}' names no host; use redis://host:port.");
        if (prefix.AsSpan().IndexOfAny("{}/ ") >= 0) throw new FormatException($"The key prefix '{prefix}' may not hold braces, slashes or spaces.");
        return new RedisConnection(list, prefix);
    }

    /// <summary>
    /// Client settings. Fail fast while disconnected (no backlog): a write then answers 503 at once instead of waiting
    /// out a timeout, and a ranking falls back to local state. The multiplexer reconnects on its own.
    /// </summary>
    public ConfigurationOptions Configuration(string clientName, int timeoutMs)
    {
        var options = new ConfigurationOptions
        {
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = timeoutMs,
            SyncTimeout = timeoutMs,
            AsyncTimeout = timeoutMs,
            ClientName = clientName,
            Protocol = RedisProtocol.Resp2,
            ReconnectRetryPolicy = new LinearRetry(250),
            AllowAdmin = true, // BGREWRITEAOF after forgetting a user
        };
        foreach (string endpoint in Endpoints) options.EndPoints.Add(endpoint);
        return options;
    }
}
