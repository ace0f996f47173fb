namespace LiveRank.Policies;

/// <summary>
/// The pin step, last: each pinned item present in the ranking moves to its position (1-based; past the end it goes
/// last). Pins are placed in position order, so two pins never swap each other; a pin on an item a filter dropped
/// does nothing.
/// </summary>
public static class PinPlacer
{
    public static void Apply(List<PolicyEntry> entries, IReadOnlyList<PinnedItem> pins)
    {
        if (pins.Count == 0) return;
        var placed = new List<(int Position, int Order, PolicyEntry Entry)>(pins.Count);
        for (int p = 0; p < pins.Count; p++)
        {
            var pin = pins[p];
            int at = -1;
            for (int i = 0; i < entries.Count && at < 0; i++)
                if (entries[i].Id == pin.ItemId) at = i;
            if (at < 0) continue;
            placed.Add((pin.Position, p, entries[at]));
            entries.RemoveAt(at);
        }
        // Ascending position, then pin order: inserting in this order leaves every earlier pin where it was put.
        placed.Sort((a, b) => a.Position != b.Position ? a.Position.CompareTo(b.Position) : a.Order.CompareTo(b.Order));
        foreach (var (position, _, entry) in placed) entries.Insert(Math.Clamp(position - 1, 0, entries.Count), entry);
    }
}
