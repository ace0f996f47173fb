using LiveRank.Evaluation.Systems;
using LiveRank.Import;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// P3's input: the raw catalog and time-ordered events of a <c>KIND:PATH</c> dataset (as <c>--dataset</c> names it),
/// read through the same readers as <c>liverank import</c> — ratings keep their values, impressions and skips stay.
/// </summary>
public static class ReplayDataset
{
    public static (string Name, LiveRankData Data) Load(string spec, CancellationToken cancellationToken = default)
    {
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"Dataset '{spec}' is not KIND:PATH (e.g. movielens:samples/ml-latest-small).");
        string kind = spec[..colon].ToLowerInvariant();
        string path = spec[(colon + 1)..];
        (IDatasetReader reader, string folder) = kind switch
        {
            "movielens" => Folder(new MovieLensReader(path)),
            "amazon" => Folder(new AmazonReviewsReader(path)),
            "jsonl" => Jsonl(path),
            _ => throw new ArgumentException($"Dataset kind '{kind}' is not supported (supported: movielens, amazon, jsonl)."),
        };
        string name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        return (name, LiveRankData.FromReader(reader, cancellationToken));
    }

    /// <summary>The item template the server should render this kind's items with.</summary>
    public static string ItemTemplateFor(string spec) => spec.StartsWith("movielens:", StringComparison.OrdinalIgnoreCase) ? "movies"
        : spec.StartsWith("amazon:", StringComparison.OrdinalIgnoreCase) ? "products" : "generic";

    private static (IDatasetReader, string) Folder(MovieLensReader reader) => (reader, reader.Folder);

    private static (IDatasetReader, string) Folder(AmazonReviewsReader reader) => (reader, reader.Folder);

    private static (IDatasetReader, string) Jsonl(string path)
    {
        string folder = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string events = Directory.Exists(path) ? Find(folder, "events") : Path.GetFullPath(path);
        return (new JsonlReader(Find(folder, "items"), events), folder);
    }

    private static string Find(string folder, string stem)
    {
        foreach (string candidate in new[] { stem + ".jsonl", stem + ".jsonl.gz", stem + ".json", stem + ".json.gz" })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"JSONL folder '{folder}' has no {stem}.jsonl (or {stem}.jsonl.gz).", folder);
    }
}
