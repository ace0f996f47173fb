namespace LiveRank.Storage;

public enum StoreKind
{
    Embedded,
    Redis,
}
