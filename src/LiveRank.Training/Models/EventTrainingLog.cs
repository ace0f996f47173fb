using LiveRank.Domain;

namespace LiveRank.Training.Models;

/// <summary>
/// Builds a <see cref="TrainingLog"/> from items and events as the service receives them (an import reader's output,
/// or the events a store holds): impressions and skips are not interactions; each interaction's weight is its event
/// type's interest weight (a rating's follows its value); items are those the interactions meet.
/// </summary>
public static class EventTrainingLog
{
    public static TrainingLog Build(string dataset, IEnumerable<Item> catalog, IEnumerable<UserEvent> events, EventTypeRegistry registry)
    {
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in catalog) items[item.Id] = item;
        var perUser = new Dictionary<string, List<(long Time, string Item, float Weight, int Order)>>(StringComparer.Ordinal);
        int order = 0;
        foreach (var e in events)
        {
            if (e.Type is "impression" or "skip" || !registry.TryGetId(e.Type, out byte type)) continue;
            if (!perUser.TryGetValue(e.UserId, out var list)) perUser[e.UserId] = list = [];
            list.Add((e.Timestamp.ToUnixTimeSeconds(), e.ItemId, registry.InterestWeight(type, e.Value is double v ? (float)v : float.NaN), order++));
        }
        var itemIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var itemIds = new List<string>();
        var users = perUser.Keys.Order(StringComparer.Ordinal).ToArray();
        var sequences = new int[users.Length][];
        var times = new long[users.Length][];
        var weights = new float[users.Length][];
        for (int u = 0; u < users.Length; u++)
        {
            var list = perUser[users[u]];
            list.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Order.CompareTo(b.Order));
            sequences[u] = new int[list.Count];
            times[u] = new long[list.Count];
            weights[u] = new float[list.Count];
            for (int p = 0; p < list.Count; p++)
            {
                if (!itemIndex.TryGetValue(list[p].Item, out int index))
                {
                    index = itemIds.Count;
                    itemIndex[list[p].Item] = index;
                    itemIds.Add(list[p].Item);
                }
                sequences[u][p] = index;
                times[u][p] = list[p].Time;
                weights[u][p] = list[p].Weight;
            }
        }
        return new TrainingLog(dataset, [.. itemIds],
            [.. itemIds.Select(id => items.TryGetValue(id, out var item) ? item.Categories : (IReadOnlyList<string>)[])],
            [.. itemIds.Select(id => items.TryGetValue(id, out var item) && item.Price is double p ? (float)p : float.NaN)],
            sequences, times, weights);
    }
}
