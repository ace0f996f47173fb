using LiveRank.State;

namespace LiveRank.Scoring.Models;

/// <summary>
/// Turns a trained model file into a ranker over the live state. The server's model host calls it at start, on
/// <c>POST /v1/models/reload</c> and when a model file changes; a refused file leaves the old ranker serving.
/// </summary>
public interface IRankingModelLoader
{
    /// <summary>Glob of the files this loader reads, e.g. <c>*.lrmodel</c>.</summary>
    string FilePattern { get; }

    /// <summary>Loads <paramref name="path"/> for <paramref name="state"/>.</summary>
    /// <exception cref="ModelFormatException">The file is corrupt, truncated, of an unknown format version, or was
    /// trained for another encoder or feature schema than this server runs.</exception>
    IRanker Load(string path, LiveState state);
}
