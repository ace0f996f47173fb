namespace LiveRank.Storage.Redis;

/// <summary>First byte of a log entry's payload. Persisted: values may be added, never changed.</summary>
internal enum LogEntryKind : byte
{
    /// <summary>One user's events from one write: writer, user id, count, then each event.</summary>
    Events = 1,

    /// <summary>Catalog items upserted by one write: writer, count, then each item (the embedded log's item format).</summary>
    Items = 2,

    /// <summary>One item removed from the catalog: writer, item id.</summary>
    ItemDelete = 3,

    /// <summary>A user forgotten: writer, the 64-bit hash of the user id (the id itself is not kept).</summary>
    ForgetUser = 4,
}
