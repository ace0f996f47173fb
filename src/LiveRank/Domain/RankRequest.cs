namespace LiveRank.Domain;

/// <summary>A request to order <see cref="Candidates"/> for <see cref="UserId"/>.</summary>
public sealed record RankRequest
{
    public const int MaxCandidates = 1000;

    public required string UserId { get; init; }
    public string? SessionId { get; init; }
    public required IReadOnlyList<RankCandidate> Candidates { get; init; }

    /// <summary>How many items to return; all candidates when null.</summary>
    public int? Limit { get; init; }

    /// <summary>When true each ranked item carries its feature contributions.</summary>
    public bool Explain { get; init; }
}
