using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.Text;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// LiveRank's heuristic scorer (what serves before any model is trained) as the harness names it:
/// <c>liverank-heuristic</c> (heuristic-v2, with the language model), <c>liverank-heuristic-no-lm</c> (the same weights
/// without the LM terms) and <c>liverank-lm</c> (the LM terms alone: what the language model knows without any
/// interaction signal). They re-rank candidate lists (P2, P4) from a live state fed the input events. The trained model,
/// <c>liverank</c>, is <see cref="LearnedSystems"/>.
/// </summary>
public static class LiveRankSystems
{
    public const string Full = "liverank-heuristic";
    public const string WithoutLm = "liverank-heuristic-no-lm";
    public const string LmOnly = "liverank-lm";

    public static readonly string[] Names = [Full, WithoutLm, LmOnly];

    /// <summary>The LM similarity terms of the default scorer and nothing else.</summary>
    public static readonly HeuristicWeights LmOnlyWeights = new()
    {
        CoVisitation = 0,
        CategoryAffinity = 0,
        Trending = 0,
        Popularity = 0,
        Upstream = 0,
        Purchased = HeuristicWeights.Default.Purchased,
    };

    private static HeuristicWeights WeightsOf(string name) => name switch
    {
        Full => HeuristicWeights.Default,
        LmOnly => LmOnlyWeights,
        _ => HeuristicWeights.WithoutLanguageModel,
    };

    public static bool IsKnown(string name) => Array.IndexOf(Names, name) >= 0;

    /// <summary>Builds the named system on the split's input events (train + validation), minus <paramref name="excludeItem"/>'s.</summary>
    public static LiveRankSystem Build(string name, LeaveOneOutSplit split, LiveRankSetup setup, Func<int, bool>? excludeItem = null,
        IProgress<string>? progress = null)
    {
        bool lm = name != WithoutLm;
        var narratives = new NarrativeRenderer();
        using var cache = lm && setup.CacheDirectory is { } directory
            ? EmbeddingCache.Open(directory, setup.Encoder.ModelId, setup.Encoder.Dimension)
            : null;
        return LiveRankSystem.Build(name, split, setup.Data, holdout: 1, WeightsOf(name),
            lm ? setup.Encoder : null, setup.Template.Render, cache, lm ? state => userId => narratives.Render(state, userId) : null,
            progress, excludeItem: excludeItem);
    }

    /// <summary>What the report lists as the system's settings.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Describe(string name, LiveRankSetup setup)
    {
        var weights = WeightsOf(name);
        var list = new List<KeyValuePair<string, string>>
        {
            new("scorer", weights.UsesLanguageModel ? HeuristicScorer.ModelName : HeuristicScorer.ModelNameWithoutLm),
            new("weights", $"covis {weights.CoVisitation}, category {weights.CategoryAffinity}, session {weights.SessionSimilarity}, profile {weights.ProfileSimilarity}, narrative {weights.NarrativeSimilarity}, recent {weights.RecentItemSimilarity}, trending {weights.Trending}, popularity {weights.Popularity}"),
            new("item template", setup.Template.Name),
        };
        if (weights.UsesLanguageModel) list.Add(new("encoder", setup.Encoder.ModelId));
        return list;
    }
}
