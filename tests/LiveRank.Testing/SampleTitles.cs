namespace LiveRank.Testing;

/// <summary>Movie titles from the checked-in samples/ml-latest-small/movies.csv, found by walking up to the folder holding LiveRank.slnx.</summary>
public static class SampleTitles
{
    /// <summary>The first <paramref name="take"/> titles in file order (all of them when null).</summary>
    public static List<string> Load(int? take = null)
    {
        string path = Path.Combine(RepositoryRoot(), "samples", "ml-latest-small", "movies.csv");
        var titles = new List<string>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            if (take is int limit && titles.Count >= limit) break;
            // movieId,title,genres: the id and genres hold no commas, so the title lies between the first and last comma.
            int first = line.IndexOf(',', StringComparison.Ordinal);
            int last = line.LastIndexOf(',');
            string title = line[(first + 1)..last];
            if (title.Length >= 2 && title[0] == '"') title = title[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            titles.Add(title);
        }
        return titles;
    }

    /// <summary>The repository root: the nearest folder above <see cref="AppContext.BaseDirectory"/> that holds LiveRank.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveRank.slnx"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds LiveRank.slnx.");
    }
}
