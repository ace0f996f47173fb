using System.ComponentModel.DataAnnotations;

namespace LiveRank.State;

/// <summary>Sizes and time constants of real-time state. Section <c>LiveRank:Store:State</c>.</summary>
public sealed class StateOptions
{
    /// <summary>Recent events kept per user (ring buffer).</summary>
    [Range(1, 10_000)]
    public int RecentEventsPerUser { get; set; } = 200;

    /// <summary>A gap longer than this starts a new session (unless the caller's session id says otherwise).</summary>
    public TimeSpan SessionInactivity { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Half-life of an item's trending popularity.</summary>
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many earlier events of the same session link to a new one in co-visitation.</summary>
    [Range(1, 50)]
    public int CoVisitationWindow { get; set; } = 5;

    /// <summary>Most followers remembered per item (heavy hitters).</summary>
    [Range(1, 1000)]
    public int CoVisitationPerItem { get; set; } = 32;

    /// <summary>
    /// How many recent client event ids are remembered for idempotency (at least half this many, at most this many).
    /// About 20 bytes each: the default costs at most ~100 MB.
    /// </summary>
    [Range(2, int.MaxValue)]
    public int DeduplicationWindow { get; set; } = 5_000_000;
}
