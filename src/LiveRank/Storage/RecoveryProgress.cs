namespace LiveRank.Storage;

/// <summary>Reported while a store recovers: bytes of log replayed so far out of the total.</summary>
public readonly record struct RecoveryProgress(long BytesDone, long BytesTotal, long Records);
