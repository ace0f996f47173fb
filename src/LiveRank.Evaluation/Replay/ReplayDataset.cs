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
        var reader = Data.InteractionDataset.Reader(spec);
        string path = Path.GetFullPath(spec[(spec.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        string folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        string name = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        return (name, LiveRankData.FromReader(reader, cancellationToken));
    }

    /// <summary>The item template the server should render this kind's items with.</summary>
    public static string ItemTemplateFor(string spec) => LiveRankSetup.TemplateFor(spec).Name;
}
