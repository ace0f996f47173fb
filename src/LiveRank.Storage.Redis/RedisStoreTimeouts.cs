namespace LiveRank.Storage.Redis;

/// <summary>How long the Redis store waits for what. Short on purpose: a replica answers degraded rather than slowly.</summary>
public sealed record RedisStoreTimeouts
{
    /// <summary>Opening the store: how long to wait for Redis to answer at all.</summary>
    public int OpenMilliseconds { get; init; } = 10_000;

    /// <summary>One request to Redis (a write, the head read).</summary>
    public int RequestMilliseconds { get; init; } = 2_000;

    /// <summary>A ranking waits at most this long for the log reader to reach the head; past it the answer is degraded.</summary>
    public int CatchUpMilliseconds { get; init; } = 250;

    /// <summary>
    /// A write waits at most this long for this replica to apply it after Redis acknowledged it. Long on purpose: the
    /// write is already stored, and a 503 here would make a client retry events that carry no id (and count them twice);
    /// the wait only grows while this replica serialises a snapshot.
    /// </summary>
    public int WriteApplyMilliseconds { get; init; } = 30_000;
}
