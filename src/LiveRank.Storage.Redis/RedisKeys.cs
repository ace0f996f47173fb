namespace LiveRank.Storage.Redis;

/// <summary>
/// Every key a LiveRank deployment uses, under one prefix (so several deployments or tests can share a server).
/// Persisted layout: names may be added, never renamed.
/// <code>
/// {P}:log             stream: every accepted write in order (the replicated log replicas tail)
/// {P}:snap            string: "position|chunks|events" of the newest snapshot of state (absent before the first)
/// {P}:snap:N:i        string: chunk i of the snapshot taken at log position N
/// {P}:snaplock        string with expiry: the replica writing a snapshot
/// {P}:ingest          stream: events offered by producers (streaming ingestion); {P}:ingest:dead its dead letters
/// </code>
/// The log, the snapshot pointer and the lock share the hash tag <c>{P}</c>, so the Lua scripts that touch them run
/// on one Redis Cluster slot. Per-user data lives inside the log entries, one entry per user and write, so forgetting
/// a user deletes exactly that user's entries (XDEL) and nobody else's.
/// </summary>
internal sealed class RedisKeys
{
    public RedisKeys(string prefix)
    {
        string tag = "{" + prefix + "}";
        Log = tag + ":log";
        Snapshot = tag + ":snap";
        SnapshotLock = tag + ":snaplock";
        Ingest = tag + ":ingest";
        DeadLetters = tag + ":ingest:dead";
        Prefix = prefix;
    }

    public string Prefix { get; }
    public string Log { get; }
    public string Snapshot { get; }
    public string SnapshotLock { get; }
    public string Ingest { get; }
    public string DeadLetters { get; }

    public string SnapshotChunk(LogPosition position, int index) => $"{Snapshot}:{position}:{index}";
}
