using LiveRank.Domain;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>Turns wire events into domain events, or reports every problem by field path.</summary>
public static class EventValidator
{
    // The field path is built only for a value that breaks the rule: a valid event would otherwise pay for five strings.
    private static void CheckId(string? value, bool optional, string path, string field, ValidationErrors errors)
    {
        if ((optional && value is null) || FieldRules.IsValidId(value)) return;
        FieldRules.Id(value, path + field, errors);
    }

    public static UserEvent? Validate(EventDto? dto, string path, DateTimeOffset now, TimeSpan maxFutureSkew, EventTypeRegistry types,
        ValidationErrors errors)
    {
        if (dto is null)
        {
            errors.Add(path, "must be an object.");
            return null;
        }
        int before = errors.Count;
        CheckId(dto.Id, optional: true, path, ".id", errors);
        CheckId(dto.UserId, optional: false, path, ".userId", errors);
        CheckId(dto.ItemId, optional: false, path, ".itemId", errors);
        CheckId(dto.SessionId, optional: true, path, ".sessionId", errors);
        CheckId(dto.RequestId, optional: true, path, ".requestId", errors);
        if (string.IsNullOrEmpty(dto.Type)) errors.Add($"{path}.type", "is required.");
        else if (!types.TryGetId(dto.Type, out _))
            errors.Add($"{path}.type", $"'{Truncate(dto.Type)}' is not a known event type; known: {string.Join(", ", types.Types.Select(t => t.Name))}.");
        if (dto.Value is double v && !double.IsFinite(v)) errors.Add($"{path}.value", "must be a finite number.");
        var timestamp = FieldRules.Timestamp(dto.Timestamp, $"{path}.timestamp", now, maxFutureSkew, errors);
        if (errors.Count > before) return null;

        return new UserEvent
        {
            Id = dto.Id ?? Guid.CreateVersion7().ToString("N"),
            HasClientId = dto.Id is not null,
            Type = dto.Type!,
            UserId = dto.UserId!,
            ItemId = dto.ItemId!,
            SessionId = dto.SessionId,
            Timestamp = timestamp ?? now,
            Value = dto.Value,
            RequestId = dto.RequestId,
        };
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
