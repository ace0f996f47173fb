using System.Globalization;
using System.Text;
using LiveRank.Domain;

namespace LiveRank.Text;

/// <summary>
/// Renders an item as one natural-language line: "Title. Categories: a, b. Brand: x. Price: 12.50 USD. Tags: t. Description" (whole prices print without decimals: "25 USD").
/// The starting point for the configurable per-catalog templates the language model reads.
/// </summary>
public static class ItemText
{
    public static string Render(Item item)
    {
        var text = new StringBuilder(item.Title.Length + 64);
        text.Append(item.Title.TrimEnd('.')).Append('.');
        if (item.Categories.Count > 0) text.Append(" Categories: ").AppendJoin(", ", item.Categories).Append('.');
        if (item.Brand is { Length: > 0 }) text.Append(" Brand: ").Append(item.Brand).Append('.');
        if (item.Price is double price)
        {
            text.Append(" Price: ").Append(price.ToString(price % 1 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture));
            if (item.Currency is { Length: > 0 }) text.Append(' ').Append(item.Currency);
            text.Append('.');
        }
        if (item.Tags.Count > 0) text.Append(" Tags: ").AppendJoin(", ", item.Tags).Append('.');
        if (item.Description is { Length: > 0 }) text.Append(' ').Append(item.Description);
        return text.ToString();
    }
}
