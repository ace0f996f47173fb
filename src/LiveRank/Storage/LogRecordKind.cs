namespace LiveRank.Storage;

/// <summary>Kinds of record in the event log. Persisted: never renumber.</summary>
internal enum LogRecordKind : byte
{
    ItemUpsert = 1,
    ItemDelete = 2,
    Event = 3,
}
