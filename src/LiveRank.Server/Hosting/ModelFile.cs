using LiveRank.Scoring.Models;

namespace LiveRank.Server.Hosting;

/// <summary>A file in the model directory.</summary>
/// <param name="Loader">The first registered loader whose pattern matches the name; null when none reads it.</param>
public sealed record ModelFile(string Name, string Path, long Bytes, DateTime WrittenAtUtc, IRankingModelLoader? Loader);
