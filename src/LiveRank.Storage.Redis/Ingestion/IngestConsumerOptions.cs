using System.ComponentModel.DataAnnotations;

namespace LiveRank.Storage.Redis.Ingestion;

/// <summary>Streaming ingestion from a Redis stream. Section <c>LiveRank:Ingestion</c>.</summary>
public sealed class IngestConsumerOptions
{
    /// <summary>Consume <c>{prefix}:ingest</c> (needs a <c>redis://</c> store). Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Consumer group shared by all replicas: each message goes to one of them.</summary>
    [Required, MinLength(1)]
    public string Group { get; set; } = "liverank";

    /// <summary>Messages read (and appended to the store) at a time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 256;

    /// <summary>A message delivered but not acknowledged for this long (its consumer died, or the store was away) is claimed again.</summary>
    public TimeSpan ClaimIdle { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Dead letters kept (approximately) before the oldest are trimmed.</summary>
    [Range(1, int.MaxValue)]
    public int DeadLetterLimit { get; set; } = 100_000;
}
