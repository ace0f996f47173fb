using LiveRank.Scoring;
using LiveRank.Scoring.Models;
using LiveRank.State;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>
/// A test-only model loader: a <c>*.testmodel</c> file holds the model's name; the ranker it gives reverses the heuristic
/// order (so a test can see which one served). A file that says <c>corrupt</c>, or nothing, is refused.
/// </summary>
public sealed class TextModelLoader : IRankingModelLoader
{
    public const string Extension = ".testmodel";

    private int _loads;
    private int _attempts;

    public string FilePattern => "*" + Extension;

    /// <summary>Files loaded successfully so far.</summary>
    public int Loads => Volatile.Read(ref _loads);

    /// <summary>Files this loader was asked to read, refused ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public IRanker Load(string path, LiveState state)
    {
        Interlocked.Increment(ref _attempts);
        string name = File.ReadAllText(path).Trim();
        if (name.Length == 0 || name == "corrupt") throw new ModelFormatException($"{Path.GetFileName(path)}: not a test model (it says '{name}').");
        Interlocked.Increment(ref _loads);
        return new ReversingRanker(name, new Reranker(state, new HeuristicScorer()));
    }

    /// <summary>Writes a model file the way a trainer should: under a hidden name, then renamed into place.</summary>
    public static string Write(string directory, string fileName, string content, DateTime? writtenAtUtc = null)
    {
        Directory.CreateDirectory(directory);
        string temp = Path.Combine(directory, "." + fileName + ".tmp");
        File.WriteAllText(temp, content);
        if (writtenAtUtc is { } at) File.SetLastWriteTimeUtc(temp, at);
        string path = Path.Combine(directory, fileName);
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
