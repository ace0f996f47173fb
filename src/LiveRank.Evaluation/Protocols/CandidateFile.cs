using System.Globalization;
using System.Text;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// P2 interop files, tab-separated with a header, in the dataset's own ids. Candidates: <c>user item isTarget</c>
/// (1 for the true item, 0 otherwise), lists in user order, items in list order. Rankings produced elsewhere:
/// <c>user item score</c>, a header line optional, higher scores rank first.
/// </summary>
public static class CandidateFile
{
    public static void Write(string path, LeaveOneOutSplit split, IReadOnlyList<CandidateList> lists)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine("user\titem\tisTarget");
        foreach (var list in lists)
            for (int i = 0; i < list.Items.Length; i++)
                writer.WriteLine($"{split.UserIds[list.User]}\t{split.ItemIds[list.Items[i]]}\t{(i == list.TargetIndex ? 1 : 0)}");
    }

    /// <summary>Reads a ranking file into (user, item) → score; a repeated pair keeps its last score.</summary>
    /// <exception cref="FormatException">A line is not <c>user TAB item TAB score</c>; the message names the line.</exception>
    public static Dictionary<(string User, string Item), float> ReadRanking(string path)
    {
        var scores = new Dictionary<(string, string), float>();
        int number = 0;
        foreach (string line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length != 3)
                throw new FormatException($"{path}:{number}: expected 3 tab-separated fields (user, item, score), found {fields.Length}.");
            if (!float.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out float score))
            {
                if (number == 1) continue; // header
                throw new FormatException($"{path}:{number}: score '{fields[2]}' is not a number.");
            }
            scores[(fields[0], fields[1])] = score;
        }
        return scores;
    }
}
