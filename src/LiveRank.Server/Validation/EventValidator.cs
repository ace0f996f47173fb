using LiveRank.Domain;
using LiveRank.Server.Contracts;

namespace LiveRank.Server.Validation;

/// <summary>Turns wire events into domain events, or reports every problem by field path.</summary>
public static class EventValidator
{
    public static UserEvent? Validate(EventDto? dto, string path, DateTimeOffset now, TimeSpan maxFutureSkew, EventTypeRegistry types,
        ValidationErrors errors)
    {
        if (dto is null)
        {
            errors.Add(path, "must be an object.");
            return null;
        }
        int before = errors.Count;
        FieldRules.OptionalId(dto.Id, $"{path}.id", errors);
        FieldRules.Id(dto.UserId, $"{path}.userId", errors);
        FieldRules.Id(dto.ItemId, $"{path}.itemId", errors);
        FieldRules.OptionalId(dto.SessionId, $"{path}.sessionId", errors);
        FieldRules.OptionalId(dto.RequestId, $"{path}.requestId", errors);
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
