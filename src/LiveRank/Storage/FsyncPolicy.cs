namespace LiveRank.Storage;

/// <summary>
/// When the event log is forced to disk. In every policy a write is handed to the operating system before it is
/// acknowledged, so an acknowledged write survives <c>kill -9</c> of the process; the policies differ on power loss
/// or a kernel crash.
/// </summary>
public enum FsyncPolicy
{
    /// <summary>fsync before every acknowledgement (one per write call, so per batch): nothing acknowledged is ever lost. Default.</summary>
    Always,

    /// <summary>fsync at most every <see cref="StoreOptions.FsyncInterval"/>: a power loss may lose that much.</summary>
    Interval,

    /// <summary>Leave it to the operating system (typically within 30 s).</summary>
    Never,
}
