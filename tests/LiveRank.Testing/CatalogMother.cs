using LiveRank.Domain;

namespace LiveRank.Testing;

/// <summary>Synthetic catalogs: items <c>i0…</c> with 1–3 of <c>c0…</c> categories, deterministic for a seed.</summary>
public static class CatalogMother
{
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string ItemId(int index) => "i" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string CategoryName(int index) => "c" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An id the catalog has never seen.</summary>
    public static string UnknownItemId(int index) => "x" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static Item[] Items(int count, int categoryCount = 20, int seed = 1)
    {
        var random = new SplitMix64((ulong)seed * 0x2545F4914F6CDD1DUL + 1);
        string[] names = new string[categoryCount];
        for (int c = 0; c < categoryCount; c++) names[c] = CategoryName(c);
        var items = new Item[count];
        for (int i = 0; i < count; i++)
        {
            int n = random.Next(1, 4);
            var categories = new List<string>(n);
            while (categories.Count < n)
            {
                string c = names[random.Next(categoryCount)];
                if (!categories.Contains(c)) categories.Add(c);
            }
            items[i] = new Item
            {
                Id = ItemId(i),
                Title = "Item " + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Categories = categories,
                Price = 1 + random.Next(10_000) / 100.0,
                CreatedAt = Epoch,
            };
        }
        return items;
    }
}
