namespace LiveRank.Policies;

/// <summary>
/// The exposure step: walks the ranking and keeps an item in the first <c>Within</c> positions only while each of its
/// categories (or its brand) has fewer than <c>Max</c> items there; items over a cap move, in their order, right below
/// those positions. So the top of the answer holds at most <c>Max</c> per value whenever enough other items exist.
/// </summary>
public static class ExposureCapper
{
    public static void Apply(List<PolicyEntry> entries, IReadOnlyList<ExposureCap> caps, int limit)
    {
        foreach (var cap in caps) Apply(entries, cap, limit);
    }

    private static void Apply(List<PolicyEntry> entries, ExposureCap cap, int limit)
    {
        int within = Math.Min(cap.Within ?? limit, entries.Count);
        if (within <= 0) return;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var placed = new List<PolicyEntry>(entries.Count);
        var deferred = new List<PolicyEntry>();
        int i = 0;
        for (; i < entries.Count && placed.Count < within; i++)
        {
            var e = entries[i];
            if (Fits(e, cap, counts))
            {
                Count(e, cap, counts);
                placed.Add(e);
            }
            else deferred.Add(e);
        }
        placed.AddRange(deferred);
        for (; i < entries.Count; i++) placed.Add(entries[i]);
        entries.Clear();
        entries.AddRange(placed);
    }

    private static bool Fits(in PolicyEntry e, ExposureCap cap, Dictionary<string, int> counts)
    {
        if (e.Item is not { } item) return true;
        if (cap.Field == CapField.Brand)
            return item.Brand is null || counts.GetValueOrDefault(item.Brand) < cap.Max;
        foreach (string category in item.Categories)
            if (counts.GetValueOrDefault(category) >= cap.Max) return false;
        return true;
    }

    private static void Count(in PolicyEntry e, ExposureCap cap, Dictionary<string, int> counts)
    {
        if (e.Item is not { } item) return;
        if (cap.Field == CapField.Brand)
        {
            if (item.Brand is not null) counts[item.Brand] = counts.GetValueOrDefault(item.Brand) + 1;
            return;
        }
        foreach (string category in item.Categories) counts[category] = counts.GetValueOrDefault(category) + 1;
    }
}
