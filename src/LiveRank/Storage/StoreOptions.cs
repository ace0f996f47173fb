using System.ComponentModel.DataAnnotations;
using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Storage;

/// <summary>Durability and state settings of a store. Section <c>LiveRank:Store</c> (the connection string is <c>LiveRank:Store:Connection</c>).</summary>
public sealed class StoreOptions
{
    public string Connection { get; set; } = StateStoreFactory.DefaultConnection;

    /// <summary>When acknowledged writes reach the disk itself; see <see cref="FsyncPolicy"/>.</summary>
    public FsyncPolicy Fsync { get; set; } = FsyncPolicy.Always;

    /// <summary>With <see cref="FsyncPolicy.Interval"/>: the longest time an acknowledged write waits for fsync.</summary>
    public TimeSpan FsyncInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Take a snapshot after this many log records since the last one (0 = only on shutdown and forget).</summary>
    [Range(0, int.MaxValue)]
    public int SnapshotEveryRecords { get; set; } = 1_000_000;

    /// <summary>Start a new log segment file past this size.</summary>
    [Range(1 << 20, long.MaxValue)]
    public long SegmentBytes { get; set; } = 256L << 20;

    public StateOptions State { get; set; } = new();

    /// <summary>
    /// Keep user events this long (by event time); null = forever. Applied at every snapshot (periodic, on shutdown, on
    /// forget): older events leave state and every log segment, users with nothing newer are forgotten whole.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Custom event types (and re-weighted built-ins).</summary>
    public List<EventTypeDefinition> EventTypes { get; set; } = [];

    public RatingScale Ratings { get; set; } = new();

    public EventTypeRegistry CreateRegistry() => new(EventTypes, Ratings);
}
