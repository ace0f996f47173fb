using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Systems;

/// <summary>The reference scorers of P4 that know nothing a cold item lacks: random order and category overlap.</summary>
public static class ColdStartScorers
{
    public const string Random = "random";
    public const string Genre = "genre";

    public static bool IsKnown(string name) => name is Random or Genre;

    /// <summary>Scores every candidate 0: the rank is drawn uniformly among ties.</summary>
    public sealed class RandomScorer : ICandidateScorer
    {
        public string Name => Random;

        public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores) => scores.Clear();
    }

    /// <summary>
    /// Category overlap: a candidate scores the mean, over its categories, of that category's share among the
    /// categories of the user's history items. Uses the catalog only, so it scores a cold item like a warm one.
    /// </summary>
    public sealed class GenreScorer(LeaveOneOutSplit split) : ICandidateScorer
    {
        private readonly Dictionary<string, double> _share = new(StringComparer.Ordinal);

        public string Name => Genre;

        public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores)
        {
            _share.Clear();
            int total = 0;
            foreach (int item in history)
            {
                foreach (string category in Categories(item))
                {
                    _share[category] = _share.GetValueOrDefault(category) + 1;
                    total++;
                }
            }
            for (int c = 0; c < candidates.Length; c++)
            {
                var categories = Categories(candidates[c]);
                double sum = 0;
                foreach (string category in categories) sum += _share.GetValueOrDefault(category);
                scores[c] = total == 0 || categories.Count == 0 ? 0 : (float)(sum / total / categories.Count);
            }
        }

        private IReadOnlyList<string> Categories(int item) => split.Items?[item]?.Categories ?? [];
    }
}
