using LiveRank.Scoring.Models;
using LiveRank.Training.Adapter;
using LiveRank.Training.Trees;

namespace LiveRank.Training.Models;

/// <summary>How <see cref="ModelTrainer"/> trains: the splits the combiner learns from, its sampling, the ablation switches, and the parts' own options.</summary>
public sealed record ModelTrainingOptions
{
    /// <summary>Model name reported with every ranking (with the version).</summary>
    public string Name { get; init; } = "liverank-ltr";

    /// <summary>
    /// Truncated splits: split j predicts each user's j-th newest interaction from everything before it, with every
    /// statistic refit on the truncated log. Split 1 is the validation split (early stopping and the report); splits
    /// 2..Splits train the combiner.
    /// </summary>
    public int Splits { get; init; } = 8;

    /// <summary>Retrieved negatives kept per training group (sampled uniformly from the retrievers' union).</summary>
    public int RetrievedNegatives { get; init; } = 50;

    /// <summary>
    /// How many interactions after a training group's target also count as relevant (grade 1, the target grade 2).
    /// 0 trains on the single next item.
    /// </summary>
    public int LaterPositives { get; init; } = 2;

    /// <summary>Negatives drawn uniformly from the catalog per group, so the combiner also sees easy lists (P2-style).</summary>
    public int RandomNegatives { get; init; } = 15;

    /// <summary>Share of training candidates whose interaction statistics are hidden, to teach the combiner cold items.</summary>
    public double ColdShare { get; init; } = 0.1;

    /// <summary>False trains and serves without the language model (no adapter, no LM features): the ablation.</summary>
    public bool UseLanguageModel { get; init; } = true;

    /// <summary>False keeps no combiner: the adapter alone ranks (the "without LambdaMART" ablation).</summary>
    public bool UseCombiner { get; init; } = true;

    /// <summary>Feature columns hidden from the combiner (ablations), by <see cref="RankingFeatures.Names"/> index.</summary>
    public IReadOnlyList<int> MaskedFeatures { get; init; } = [];

    public int Seed { get; init; } = 1;

    public ModelSettings Settings { get; init; } = new();

    public StatisticsFitter.Options Statistics { get; init; } = new();

    public AdapterTrainingOptions Adapter { get; init; } = new();

    /// <remarks>ML.NET trains every tree and early stopping then keeps the best prefix, so the tree count is the training
    /// cost: on ml-latest-small the best prefix was ~110 trees at this learning rate.</remarks>
    public LambdaMartOptions Combiner { get; init; } = new()
    {
        Trees = 200,
        LearningRate = 0.08,
        FeatureFraction = 0.8,
        EarlyStoppingRounds = 40,
    };

    /// <summary>Neighbours kept per item by LM similarity.</summary>
    public int LmNeighboursPerItem { get; init; } = 50;

    public void Validate()
    {
        if (Splits < 2) throw new ArgumentException("At least 2 splits are needed (one validates, the others train).");
        if (RetrievedNegatives < 1 || RandomNegatives < 0) throw new ArgumentException("Negatives per group must be positive.");
        if (ColdShare is < 0 or >= 1) throw new ArgumentException("The cold share is in [0, 1).");
        foreach (int f in MaskedFeatures)
            if ((uint)f >= (uint)RankingFeatures.Count) throw new ArgumentException($"Masked feature {f} is outside the schema.");
    }
}
