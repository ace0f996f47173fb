namespace LiveRank.Domain;

/// <summary>One thing a user did to an item. <see cref="Id"/> is the idempotency key.</summary>
public sealed record UserEvent
{
    /// <summary>Idempotency key: re-posting an event with the same id is a no-op. Generated when the caller gives none.</summary>
    public required string Id { get; init; }

    /// <summary>Event type name, one of the registry's (built-in or configured custom names).</summary>
    public required string Type { get; init; }

    public required string UserId { get; init; }
    public string? SessionId { get; init; }
    public required string ItemId { get; init; }
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Rating, dwell seconds, quantity… meaning depends on the type.</summary>
    public double? Value { get; init; }

    /// <summary>The ranking this event answers (the <c>requestId</c> a rerank returned), if any.</summary>
    public string? RequestId { get; init; }

    /// <summary>True when the caller supplied <see cref="Id"/>; generated ids need no de-duplication.</summary>
    public bool HasClientId { get; init; } = true;
}
