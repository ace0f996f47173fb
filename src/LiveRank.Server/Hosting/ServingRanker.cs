using LiveRank.Scoring;

namespace LiveRank.Server.Hosting;

/// <summary>A ranker in service and where it came from.</summary>
/// <param name="Path">The model file; null for the built-in heuristic.</param>
/// <param name="LoadedAt">When it went into service.</param>
/// <param name="FileWrittenAt">The file's last write time when it was read (UTC), to tell a rewritten file from the one serving.</param>
/// <param name="FileBytes">The file's length when it was read.</param>
public sealed record ServingRanker(IRanker Ranker, string? Path, DateTimeOffset LoadedAt, DateTime? FileWrittenAt = null, long? FileBytes = null)
{
    public string Model => Ranker.Model;
}
