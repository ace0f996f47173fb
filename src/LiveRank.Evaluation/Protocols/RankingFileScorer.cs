namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// Scores candidate lists from a ranking file produced by another system. A candidate the file does not score
/// ranks last (ties broken at random like any other); <see cref="MissingScores"/> counts them for the report.
/// </summary>
public sealed class RankingFileScorer(string name, LeaveOneOutSplit split, Dictionary<(string User, string Item), float> ranking)
    : ICandidateScorer
{
    public string Name => name;

    public int MissingScores { get; private set; }

    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores)
    {
        string userId = split.UserIds[user];
        for (int i = 0; i < candidates.Length; i++)
        {
            if (ranking.TryGetValue((userId, split.ItemIds[candidates[i]]), out float score)) scores[i] = score;
            else
            {
                scores[i] = float.NegativeInfinity;
                MissingScores++;
            }
        }
    }
}
