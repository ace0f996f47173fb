namespace LiveRank.Domain;

/// <summary>One item of a ranking. <see cref="Contributions"/> is filled only when the request asked to explain.</summary>
public sealed record RankedItem(string Id, float Score, int Rank)
{
    public IReadOnlyDictionary<string, float>? Contributions { get; init; }

    /// <summary>With explain: the largest contributions with feature values, and the nearest items of the user's history.</summary>
    public Explanations.ItemExplanation? Explanation { get; init; }
}
