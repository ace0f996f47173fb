using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.Text;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// LiveRank's own systems as the harness names them: <c>liverank</c> (the default scorer, with the language model),
/// <c>liverank-no-lm</c> (the same weights without the LM terms: the ablation) and <c>liverank-lm</c> (the LM terms
/// alone: what the language model knows without any interaction signal). Both re-rank candidate lists
/// (P2, P4); full ranking (P1, P5) needs a retrieval stage LiveRank does not have yet.
/// </summary>
public static class LiveRankSystems
{
    public const string Full = "liverank";
    public const string WithoutLm = "liverank-no-lm";
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
