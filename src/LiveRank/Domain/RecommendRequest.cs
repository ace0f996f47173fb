namespace LiveRank.Domain;

/// <summary>
/// A request for <see cref="Limit"/> items for <see cref="UserId"/> from the whole catalog: retrievers propose the
/// candidates, the same model that serves <see cref="RankRequest"/> orders them.
/// </summary>
public sealed record RecommendRequest
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 1000;

    public required string UserId { get; init; }
    public string? SessionId { get; init; }

    /// <summary>How many items to return (1..<see cref="MaxLimit"/>).</summary>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>When true each item carries its feature contributions.</summary>
    public bool Explain { get; init; }

    /// <summary>When false (the default) items the user already interacted with are not recommended again.</summary>
    public bool IncludeSeen { get; init; }
}
