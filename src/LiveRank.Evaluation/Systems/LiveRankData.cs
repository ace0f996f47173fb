using LiveRank.Domain;
using LiveRank.Import;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// What LiveRank-as-a-system reads beyond the split's item sequences: the catalog items (title and categories;
/// user-written tags are dropped, since they may describe a user's future) and the raw events with their
/// timestamps and values, in time order.
/// </summary>
public sealed record LiveRankData(IReadOnlyDictionary<string, Item> Items, IReadOnlyList<UserEvent> Events)
{
    public static LiveRankData FromReader(IDatasetReader reader, CancellationToken cancellationToken = default)
    {
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in reader.ReadItems(cancellationToken)) items[item.Id] = item with { Tags = [] };
        var events = reader.ReadEvents(cancellationToken).ToList();
        // Stable sort by time: the reader's per-user order breaks ties.
        var ordered = events.Select((e, i) => (e, i)).OrderBy(p => p.e.Timestamp).ThenBy(p => p.i).Select(p => p.e).ToList();
        return new LiveRankData(items, ordered);
    }
}
