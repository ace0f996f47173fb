namespace LiveRank.Testing;

/// <summary>Hand-written dataset folders under <c>tests/LiveRank.Testing/Fixtures</c> (see its README).</summary>
public static class TestFixtures
{
    public static string MovieLens100K => Folder("ml-100k");
    public static string MovieLens100KWithoutGenreFile => Folder("ml-100k-nogenre");
    public static string MovieLens1M => Folder("ml-1m");
    public static string Amazon => Folder("amazon");

    public static string Folder(string name) => Path.Combine(RepositoryRoot(), "tests", "LiveRank.Testing", "Fixtures", name);

    /// <summary>The folder holding <c>LiveRank.slnx</c>, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LiveRank.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"No LiveRank.slnx above {AppContext.BaseDirectory}.");
    }
}
