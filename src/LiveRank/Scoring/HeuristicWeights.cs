namespace LiveRank.Scoring;

/// <summary>Weights of <see cref="HeuristicScorer"/>'s terms; 0 leaves a term out.</summary>
public sealed record HeuristicWeights
{
    /// <summary>The serving default (docs/scoring.md says how the semantic weights were chosen).</summary>
    public static HeuristicWeights Default { get; } = new();

    /// <summary>The same weights without the language-model terms: the ablation baseline.</summary>
    public static HeuristicWeights WithoutLanguageModel { get; } = new()
    {
        SessionSimilarity = 0,
        ProfileSimilarity = 0,
        NarrativeSimilarity = 0,
        RecentItemSimilarity = 0,
    };

    // Chosen by coordinate ascent on the P2 validation lists of ml-latest-small (train events only; test untouched).
    public float CoVisitation { get; init; } = 16f;
    public float CategoryAffinity { get; init; } = 0.5f;
    public float SessionSimilarity { get; init; } = 0.5f;
    public float ProfileSimilarity { get; init; } = 1.0f;
    public float NarrativeSimilarity { get; init; } = 0.5f;
    public float RecentItemSimilarity { get; init; } = 1.0f;
    public float Trending { get; init; } = 0.3f;
    public float Popularity { get; init; } = 0.1f;
    public float Upstream { get; init; } = 0.5f;
    public float Purchased { get; init; } = -100f; // below everything unbought: the other terms together stay far under 100

    public bool UsesLanguageModel => SessionSimilarity != 0 || ProfileSimilarity != 0 || NarrativeSimilarity != 0 || RecentItemSimilarity != 0;
}
