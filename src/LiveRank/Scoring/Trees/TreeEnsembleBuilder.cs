namespace LiveRank.Scoring.Trees;

/// <summary>
/// Collects trees one by one (as a trainer hands them over) into a <see cref="TreeEnsemble"/>. Every tree is checked
/// when added: see <see cref="AddTree"/> for the layout of its arrays.
/// </summary>
public sealed class TreeEnsembleBuilder
{
    private readonly List<int> _nodeOffsets = [0];
    private readonly List<int> _splitFeatures = [];
    private readonly List<float> _thresholds = [];
    private readonly List<int> _leftChildren = [];
    private readonly List<int> _rightChildren = [];
    private readonly List<double> _leafValues = [];
    private readonly List<double> _leafWeights = [];
    private readonly List<int> _depths = [];

    public TreeEnsembleBuilder(int featureCount)
    {
        if (featureCount < 1 || featureCount > TreeEnsemble.MaxFeatureCount)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, $"Must be in [1, {TreeEnsemble.MaxFeatureCount}].");
        FeatureCount = featureCount;
    }

    public int FeatureCount { get; }

    public int TreeCount => _nodeOffsets.Count - 1;

    /// <summary>Added to the sum of the trees' outputs.</summary>
    public double Bias { get; set; }

    /// <summary>
    /// Adds a tree of n splits and n + 1 leaves. Split i sends a row to <paramref name="leftChildren"/>[i] when
    /// <c>row[splitFeatures[i]] &lt;= thresholds[i]</c> and to <paramref name="rightChildren"/>[i] otherwise; a child
    /// c ≥ 0 is split c, a child c &lt; 0 is leaf ~c (ML.NET's and LightGBM's convention). Split 0 is the root.
    /// <paramref name="leafWeights"/> are how many training rows reached each leaf (any non-negative cover); they only
    /// weigh the expected values behind <see cref="TreeEnsemble.Contributions"/>, and default to 1 per leaf.
    /// </summary>
    /// <exception cref="ArgumentException">The arrays do not describe a proper tree over this feature count.</exception>
    public TreeEnsembleBuilder AddTree(ReadOnlySpan<int> splitFeatures, ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren, ReadOnlySpan<int> rightChildren, ReadOnlySpan<double> leafValues,
        ReadOnlySpan<double> leafWeights = default)
    {
        string? error = TryAddTree(splitFeatures, thresholds, leftChildren, rightChildren, leafValues, leafWeights);
        if (error is not null) throw new ArgumentException($"Tree {TreeCount}: {error}.", nameof(splitFeatures));
        return this;
    }

    /// <summary>Adds the tree, or returns why not (the model reader turns that into a format error).</summary>
    internal string? TryAddTree(ReadOnlySpan<int> splitFeatures, ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren, ReadOnlySpan<int> rightChildren, ReadOnlySpan<double> leafValues,
        ReadOnlySpan<double> leafWeights)
    {
        if (TreeCount >= TreeEnsemble.MaxTreeCount) return $"more than {TreeEnsemble.MaxTreeCount} trees";
        double[]? ones = null;
        if (leafWeights.IsEmpty)
        {
            ones = new double[leafValues.Length];
            Array.Fill(ones, 1.0);
            leafWeights = ones;
        }
        string? error = TreeShape.Check(FeatureCount, splitFeatures, thresholds, leftChildren, rightChildren,
            leafValues, leafWeights, out int depth);
        if (error is not null) return error;
        if (_splitFeatures.Count + splitFeatures.Length > TreeEnsemble.MaxNodeCount)
            return $"more than {TreeEnsemble.MaxNodeCount} splits in all";

        _splitFeatures.AddRange(splitFeatures);
        _thresholds.AddRange(thresholds);
        _leftChildren.AddRange(leftChildren);
        _rightChildren.AddRange(rightChildren);
        _leafValues.AddRange(leafValues);
        _leafWeights.AddRange(leafWeights);
        _nodeOffsets.Add(_splitFeatures.Count);
        _depths.Add(depth);
        return null;
    }

    /// <exception cref="InvalidOperationException"><see cref="Bias"/> is not finite.</exception>
    public TreeEnsemble Build()
    {
        if (!double.IsFinite(Bias)) throw new InvalidOperationException($"Bias {Bias} is not finite.");
        return new TreeEnsemble(FeatureCount, Bias, [.. _nodeOffsets], [.. _splitFeatures], [.. _thresholds],
            [.. _leftChildren], [.. _rightChildren], [.. _leafValues], [.. _leafWeights], [.. _depths]);
    }
}
