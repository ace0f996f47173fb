namespace LiveRank.Tests.Import;

/// <summary>Finds the repository's <c>samples/</c> by walking up from the test binaries to <c>LiveRank.slnx</c>.</summary>
internal static class SampleData
{
    public static string MovieLensLatestSmall => Path.Combine(RepositoryRoot(), "samples", "ml-latest-small");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveRank.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No LiveRank.slnx above {AppContext.BaseDirectory}.");
    }
}
