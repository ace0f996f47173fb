using System.Text.Json;
using LiveRank.Domain;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>Turns wire items into domain items, or reports every problem by field path.</summary>
public static class ItemValidator
{
    public static Item? Validate(ItemDto? dto, string path, DateTimeOffset now, Func<string, Item?> existing, ValidationErrors errors)
    {
        if (dto is null)
        {
            errors.Add(path, "must be an object.");
            return null;
        }
        int before = errors.Count;
        FieldRules.Id(dto.Id, $"{path}.id", errors);
        FieldRules.Text(dto.Title, $"{path}.title", 1000, errors, required: true);
        FieldRules.Text(dto.Description, $"{path}.description", 20_000, errors);
        FieldRules.Text(dto.Currency, $"{path}.currency", 16, errors);
        FieldRules.Text(dto.Brand, $"{path}.brand", 500, errors);
        var categories = FieldRules.List(dto.Categories, $"{path}.categories", 100, 200, errors);
        var tags = FieldRules.List(dto.Tags, $"{path}.tags", 200, 200, errors);
        if (dto.Price is double price && (!double.IsFinite(price) || price < 0))
            errors.Add($"{path}.price", "must be a finite, non-negative number.");
        var attributes = Attributes(dto.Attributes, $"{path}.attributes", errors);
        var createdAt = FieldRules.Timestamp(dto.CreatedAt, $"{path}.createdAt", now, TimeSpan.FromDays(1), errors);
        if (errors.Count > before) return null;

        return new Item
        {
            Id = dto.Id!,
            Title = dto.Title!.Trim(),
            Description = dto.Description,
            Categories = categories,
            Price = dto.Price,
            Currency = dto.Currency,
            Brand = dto.Brand,
            Tags = tags,
            Attributes = attributes,
            // An update keeps the item's original creation time unless the caller sets one.
            CreatedAt = createdAt ?? existing(dto.Id!)?.CreatedAt ?? now,
        };
    }

    private static IReadOnlyDictionary<string, AttributeValue> Attributes(Dictionary<string, JsonElement>? raw, string path, ValidationErrors errors)
    {
        if (raw is null || raw.Count == 0) return new Dictionary<string, AttributeValue>(0);
        if (raw.Count > 100)
        {
            errors.Add(path, "must hold at most 100 attributes.");
            return new Dictionary<string, AttributeValue>(0);
        }
        var result = new Dictionary<string, AttributeValue>(raw.Count, StringComparer.Ordinal);
        foreach (var (key, value) in raw)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 100)
            {
                errors.Add(path, $"attribute name '{key}' must be 1–100 characters.");
                continue;
            }
            switch (value.ValueKind)
            {
                case JsonValueKind.String when FieldRules.TryGetString(value, out string? text) && text.Length <= 2000:
                    result[key] = AttributeValue.FromText(text);
                    break;
                case JsonValueKind.Number when value.TryGetDouble(out double d) && double.IsFinite(d):
                    result[key] = AttributeValue.FromNumber(d);
                    break;
                default:
                    errors.Add($"{path}.{key}", "must be a string (at most 2000 characters) or a finite number.");
                    break;
            }
        }
        return result;
    }
}
