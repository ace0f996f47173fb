namespace LiveRank.Training.Trees;

/// <summary>Hyper-parameters of <see cref="LambdaMartTrainer"/>; <see cref="Validate"/> says what is out of range.</summary>
public sealed class LambdaMartOptions
{
    /// <summary>Boosting rounds, one tree each (fewer when early stopping cuts the model).</summary>
    public int Trees { get; init; } = 300;

    /// <summary>Most leaves per tree.</summary>
    public int Leaves { get; init; } = 31;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Fewest training rows a leaf may hold.</summary>
    public int MinimumExampleCountPerLeaf { get; init; } = 20;

    /// <summary>Fraction of features each tree may split on, drawn per tree from <see cref="Seed"/>.</summary>
    public double FeatureFraction { get; init; } = 1.0;

    /// <summary>L2 regularisation of the leaf values.</summary>
    public double L2 { get; init; } = 0.01;

    /// <summary>Seeds LightGBM and ML.NET's sampling of bin boundaries: the same seed, data and options give the same trees.</summary>
    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// With validation rows: stop once NDCG@10 on them has not improved for this many trees, and keep the model up to
    /// the best tree. 0 keeps every tree.
    /// </summary>
    public int EarlyStoppingRounds { get; init; }

    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public void Validate()
    {
        if (Trees < 1 || Trees > Scoring.Trees.TreeEnsemble.MaxTreeCount)
            throw new ArgumentOutOfRangeException(nameof(Trees), Trees, $"Must be in [1, {Scoring.Trees.TreeEnsemble.MaxTreeCount}].");
        if (Leaves < 2 || Leaves > Scoring.Trees.TreeEnsemble.MaxLeavesPerTree)
            throw new ArgumentOutOfRangeException(nameof(Leaves), Leaves, $"Must be in [2, {Scoring.Trees.TreeEnsemble.MaxLeavesPerTree}].");
        if (!(LearningRate > 0 && LearningRate <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Must be in (0, 1].");
        if (MinimumExampleCountPerLeaf < 1)
            throw new ArgumentOutOfRangeException(nameof(MinimumExampleCountPerLeaf), MinimumExampleCountPerLeaf, "Must be at least 1.");
        if (!(FeatureFraction > 0 && FeatureFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(FeatureFraction), FeatureFraction, "Must be in (0, 1].");
        if (!(L2 >= 0) || double.IsInfinity(L2))
            throw new ArgumentOutOfRangeException(nameof(L2), L2, "Must be finite and non-negative.");
        if (Threads < 1) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Must be at least 1.");
        if (EarlyStoppingRounds < 0)
            throw new ArgumentOutOfRangeException(nameof(EarlyStoppingRounds), EarlyStoppingRounds, "Must be 0 (off) or more.");
    }
}
