namespace LiveRank.Domain;

/// <summary>What LiveRank holds about a user: counters, session, and the recent events (newest first).</summary>
public sealed record UserSummary
{
    public required string UserId { get; init; }
    public long TotalEvents { get; init; }
    public required IReadOnlyDictionary<string, int> EventCounts { get; init; }
    public int Sessions { get; init; }
    public DateTimeOffset? LastEventAt { get; init; }
    public required IReadOnlyList<RecentEventView> RecentEvents { get; init; }
}

/// <summary>A recent event as held in real-time state (values are stored compactly, to about 3 significant digits).</summary>
public sealed record RecentEventView(string Type, string ItemId, DateTimeOffset Timestamp, double? Value, bool StartsSession);
