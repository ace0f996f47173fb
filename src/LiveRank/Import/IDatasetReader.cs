using LiveRank.Domain;

namespace LiveRank.Import;

/// <summary>
/// A dataset on disk read as two streams: the catalog first, then the events. Both are lazy, so a file larger
/// than memory imports in constant space; a bad line surfaces as a <see cref="DatasetFormatException"/> while enumerating.
/// </summary>
public interface IDatasetReader
{
    /// <summary>A short name for progress and summaries, e.g. <c>movielens</c>.</summary>
    string Name { get; }

    /// <summary>Catalog items, in file order.</summary>
    IEnumerable<Item> ReadItems(CancellationToken cancellationToken = default);

    /// <summary>User events, validated (type known, ids present, timestamp set).</summary>
    IEnumerable<UserEvent> ReadEvents(CancellationToken cancellationToken = default);

    /// <summary>Items plus events, estimated from line counts (cheap next to parsing); null when unknown.</summary>
    long? EstimateRecordCount();
}
