using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace LiveRank.Server.Validation;

/// <summary>Shared checks on identifiers, text and timestamps; each reports by field path and returns whether the value passed.</summary>
public static class FieldRules
{
    public const int MaxIdLength = 256;

    /// <summary>
    /// The rule <see cref="Id"/> enforces, without reporting: hot paths check it first and build a field path (an
    /// allocation) only for the value that breaks it.
    /// </summary>
    public static bool IsValidId(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength) return false;
        foreach (char c in value)
        {
            if (char.IsControl(c)) return false;
        }
        return true;
    }

    public static bool Id(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required and must be a non-empty string.");
            return false;
        }
        if (value.Length > MaxIdLength)
        {
            errors.Add(field, $"must be at most {MaxIdLength} characters.");
            return false;
        }
        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                errors.Add(field, "must not contain control characters.");
                return false;
            }
        }
        return true;
    }

    public static bool OptionalId(string? value, string field, ValidationErrors errors) => value is null || Id(value, field, errors);

    public static bool Text(string? value, string field, int maxLength, ValidationErrors errors, bool required = false)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "is required.");
            return !required;
        }
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "must not be empty.");
            return false;
        }
        if (value.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters.");
            return false;
        }
        return true;
    }

    public static string[] List(List<string?>? values, string field, int maxCount, int maxLength, ValidationErrors errors)
    {
        if (values is null || values.Count == 0) return [];
        if (values.Count > maxCount)
        {
            errors.Add(field, $"must hold at most {maxCount} entries.");
            return [];
        }
        var result = new List<string>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            string? v = values[i]?.Trim();
            if (string.IsNullOrEmpty(v)) errors.Add($"{field}[{i}]", "must be a non-empty string.");
            else if (v.Length > maxLength) errors.Add($"{field}[{i}]", $"must be at most {maxLength} characters.");
            else if (!result.Contains(v, StringComparer.Ordinal)) result.Add(v);
        }
        return [.. result];
    }

    /// <summary>
    /// The text of a JSON string element, or false when it cannot be a .NET string: JSON allows an escaped unpaired
    /// surrogate (<c>"\ud800"</c>), on which <see cref="JsonElement.GetString"/> throws (a 500 if left uncaught).
    /// </summary>
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        try
        {
            value = element.GetString();
            return value is not null;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>An ISO-8601 string or unix seconds; earliest 1970, latest now + skew.</summary>
    public static DateTimeOffset? Timestamp(JsonElement? element, string field, DateTimeOffset now, TimeSpan maxFutureSkew, ValidationErrors errors)
    {
        if (element is not JsonElement e || e.ValueKind == JsonValueKind.Null) return null;
        DateTimeOffset value;
        switch (e.ValueKind)
        {
            case JsonValueKind.String when TryGetString(e, out string? text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out value):
                break;
            case JsonValueKind.Number when e.TryGetDouble(out double seconds) && seconds >= 0 && seconds < 253_402_300_799:
                value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
                break;
            default:
                errors.Add(field, "must be an ISO-8601 string or unix seconds (a non-negative number).");
                return null;
        }
        if (value.ToUnixTimeSeconds() < 0)
        {
            errors.Add(field, "must not be before 1970-01-01.");
            return null;
        }
        if (value > now + maxFutureSkew)
        {
            errors.Add(field, $"is in the future ({value:O}); at most {maxFutureSkew.TotalSeconds:0} s of clock skew is accepted.");
            return null;
        }
        return value;
    }
}
