namespace LiveRank.Scoring.Models;

/// <summary>
/// The feature schema of trained models: one column per name, in this order. A model file carries the names it was
/// trained on and is refused when they differ from this list, so a schema change cannot silently feed a model the
/// wrong columns. A value that does not exist (no vector, no upstream score, a hidden column) is
/// <see cref="Missing"/>: a finite sentinel below every real value, identical in training and serving, so the trees
/// learn one split for it rather than LightGBM's and ML.NET's differing NaN rules.
/// </summary>
public static class RankingFeatures
{
    /// <summary>The value of a feature that does not exist for a candidate.</summary>
    public const float Missing = -1e6f;

    /// <summary>The retrievers whose score, normalised score and rank are features, in column order.</summary>
    public static readonly string[] Retrievers = ["covis", "covis-sym", "markov", "ease", "lm-knn", "adapter"];

    public const int CoVisitation = 0;
    public const int SymmetricCoVisitation = 1;
    public const int Markov = 2;
    public const int Ease = 3;
    public const int LmNeighbours = 4;
    public const int Adapter = 5;

    /// <summary>First column of retriever r's (score, normalised, rank) triple.</summary>
    public static int RetrieverColumn(int retriever) => retriever * 3;

    public static readonly int PopularityAll = Retrievers.Length * 3;
    public static readonly int Popularity7d = PopularityAll + 1;
    public static readonly int Popularity30d = PopularityAll + 2;
    public static readonly int Popularity365d = PopularityAll + 3;
    public static readonly int Trend = PopularityAll + 4;
    public static readonly int LmLast = PopularityAll + 5;
    public static readonly int LmMaxRecent = PopularityAll + 6;
    public static readonly int LmMeanRecent = PopularityAll + 7;
    public static readonly int LmProfile = PopularityAll + 8;
    public static readonly int ItemAgeDays = PopularityAll + 9;
    public static readonly int ItemMeanWeight = PopularityAll + 10;
    public static readonly int ItemWarm = PopularityAll + 11;
    public static readonly int UserLength = PopularityAll + 12;
    public static readonly int UserMeanGap = PopularityAll + 13;
    public static readonly int SessionSize = PopularityAll + 14;
    public static readonly int CategoryAffinity = PopularityAll + 15;
    public static readonly int CategoryRecent = PopularityAll + 16;
    public static readonly int PriceDistance = PopularityAll + 17;
    public static readonly int UpstreamScore = PopularityAll + 18;
    public static readonly int UpstreamPosition = PopularityAll + 19;
    public static readonly int SeenCount = PopularityAll + 20;
    public static readonly int SeenDaysAgo = PopularityAll + 21;

    public static readonly string[] Names = BuildNames();

    public static int Count => Names.Length;

    /// <summary>Columns that read the language model: masked together by the "without LM" ablation.</summary>
    public static readonly int[] LanguageModelColumns =
    [
        RetrieverColumn(LmNeighbours), RetrieverColumn(LmNeighbours) + 1, RetrieverColumn(LmNeighbours) + 2,
        RetrieverColumn(Adapter), RetrieverColumn(Adapter) + 1, RetrieverColumn(Adapter) + 2,
        LmLast, LmMaxRecent, LmMeanRecent, LmProfile,
    ];

    /// <summary>Columns that read the order of the user's sequence: masked by the "without sequential" ablation.</summary>
    public static readonly int[] SequentialColumns =
    [
        RetrieverColumn(CoVisitation), RetrieverColumn(CoVisitation) + 1, RetrieverColumn(CoVisitation) + 2,
        RetrieverColumn(SymmetricCoVisitation), RetrieverColumn(SymmetricCoVisitation) + 1, RetrieverColumn(SymmetricCoVisitation) + 2,
        RetrieverColumn(Markov), RetrieverColumn(Markov) + 1, RetrieverColumn(Markov) + 2,
        SessionSize, CategoryRecent, LmLast, LmMaxRecent, LmMeanRecent,
    ];

    /// <summary>The adapter's columns: masked by the "without the adapter" ablation.</summary>
    public static readonly int[] AdapterColumns = [RetrieverColumn(Adapter), RetrieverColumn(Adapter) + 1, RetrieverColumn(Adapter) + 2];

    private static string[] BuildNames()
    {
        var names = new List<string>();
        foreach (string r in Retrievers)
        {
            names.Add(r + ".score");
            names.Add(r + ".norm");
            names.Add(r + ".rank");
        }
        names.AddRange([
            "pop.all", "pop.7d", "pop.30d", "pop.365d", "pop.trend",
            "lm.last", "lm.maxRecent", "lm.meanRecent", "lm.profile",
            "item.ageDays", "item.meanWeight", "item.warm",
            "user.length", "user.meanGap", "user.sessionSize",
            "category.affinity", "category.recent", "price.distance",
            "upstream.score", "upstream.position",
            "seen.count", "seen.daysAgo",
        ]);
        return [.. names];
    }
}
