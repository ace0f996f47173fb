using System.Text;

namespace LiveRank.Explanations;

/// <summary>Why an item is where it is: its largest feature contributions and the nearest items of the user's history.</summary>
public sealed record ItemExplanation(IReadOnlyList<FeatureContribution> Features)
{
    /// <summary>How many contributions an explanation lists (the largest by absolute value).</summary>
    public const int TopFeatures = 5;

    public IReadOnlyList<HistoryMatch> SimilarTo { get; init; } = [];

    /// <summary>One readable line: "similar to 'Heat (1995)' you rated 5/5"; null without history matches.</summary>
    public string? Reason
    {
        get
        {
            if (SimilarTo.Count == 0) return null;
            var text = new StringBuilder("similar to ");
            for (int i = 0; i < SimilarTo.Count; i++)
            {
                if (i > 0) text.Append(i == SimilarTo.Count - 1 ? " and " : ", ");
                text.Append('\'').Append(SimilarTo[i].Title).Append("' you ").Append(SimilarTo[i].Interaction);
            }
            return text.ToString();
        }
    }

    /// <summary>The <see cref="TopFeatures"/> largest contributions (by absolute value, ties by name), zeros left out.</summary>
    public static ItemExplanation FromContributions(List<FeatureContribution> all)
    {
        all.RemoveAll(c => c.Contribution == 0 || !float.IsFinite(c.Contribution));
        all.Sort((a, b) =>
        {
            int byMagnitude = Math.Abs(b.Contribution).CompareTo(Math.Abs(a.Contribution));
            return byMagnitude != 0 ? byMagnitude : string.CompareOrdinal(a.Name, b.Name);
        });
        if (all.Count > TopFeatures) all.RemoveRange(TopFeatures, all.Count - TopFeatures);
        return new ItemExplanation(all);
    }
}
