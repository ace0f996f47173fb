using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LiveRank.Scoring.Trees;

/// <summary>
/// A sum of regression trees (a LambdaMART / LightGBM model) that scores feature rows on the request path without
/// allocating. Split i of a tree sends a row left when <c>row[feature] &lt;= threshold</c> and right otherwise, exactly
/// as ML.NET evaluates a LightGBM model. So a NaN goes right at every split: ML.NET keeps per-split defaults for
/// missing values only when LightGBM learned some, and a model trained without missing-value handling (the only kind
/// <c>LambdaMartTrainer</c> produces) has none, so ML.NET compares the NaN itself (LightGBM's own predictor would read
/// it as 0 instead; we follow ML.NET, whose predictions are the reference). The score is
/// <c>(float)(Σ tree outputs + Bias)</c>, summed in double in tree order, so it equals ML.NET's own prediction bit for bit.
/// <para>
/// The public arrays keep the trainer's layout (per-tree split and leaf arrays, children negative for leaves). Scoring
/// reads layouts built once here. A batch goes through QuickScorer's bitvector scan, one row per SIMD lane (see
/// TreeEnsemble.Bitvectors.cs): per split one vector compare for 16 (or 8) rows, instead of a pointer chase per row.
/// A single row, trees of more than 32 leaves, and machines without 256-bit vectors walk the trees instead, through
/// flat structure-of-arrays slots whose leaves are slots with themselves as both children, so a walk of exactly the
/// tree's depth ends on the leaf with no "is this a leaf" branch; several walks run interleaved to hide each step's
/// load latency. docs/lambdamart.md has the figures.
/// </para>
/// Instances are immutable and safe to use from any number of threads.
/// </summary>
public sealed partial class TreeEnsemble
{
    public const int MaxFeatureCount = 1 << 16;
    public const int MaxTreeCount = 1 << 16;
    public const int MaxLeavesPerTree = 1 << 17;
    public const int MaxNodeCount = 1 << 24;

    // The widest kernel this machine runs natively; where it has no 256-bit vectors, rows walk the trees.
    private static readonly TreeKernel BestKernel = Vector512.IsHardwareAccelerated ? TreeKernel.Bitvectors16
        : Vector256.IsHardwareAccelerated ? TreeKernel.Bitvectors8 : TreeKernel.Walk;

    // Rows the walking kernel scores per pass over the trees: their sums and row offsets live on the stack (1.5 KB).
    private const int ChunkRows = 128;
    private const int Lanes = 8;
    private const int StackFeatures = 256;

    private readonly int[] _nodeOffsets;
    private readonly int[] _splitFeatures;
    private readonly float[] _thresholds;
    private readonly int[] _leftChildren;
    private readonly int[] _rightChildren;
    private readonly double[] _leafValues;
    private readonly double[] _leafWeights;
    private readonly int[] _depths;
    private readonly double[] _nodeExpected;

    // Evaluator layout: tree t owns slots [_roots[t], _roots[t] + 2n + 1): its n splits, then its n + 1 leaves.
    private readonly int[] _slotFeature;
    private readonly float[] _slotThreshold;
    private readonly int[] _slotChildren;
    private readonly double[] _slotValue;
    private readonly int[] _roots;
    private readonly int[] _quadDepths;

    internal TreeEnsemble(int featureCount, double bias, int[] nodeOffsets, int[] splitFeatures, float[] thresholds,
        int[] leftChildren, int[] rightChildren, double[] leafValues, double[] leafWeights, int[] depths)
    {
        FeatureCount = featureCount;
        Bias = bias;
        _nodeOffsets = nodeOffsets;
        _splitFeatures = splitFeatures;
        _thresholds = thresholds;
        _leftChildren = leftChildren;
        _rightChildren = rightChildren;
        _leafValues = leafValues;
        _leafWeights = leafWeights;
        _depths = depths;

        int trees = depths.Length;
        int slots = splitFeatures.Length * 2 + trees;
        _slotFeature = new int[slots];
        _slotThreshold = new float[slots];
        _slotChildren = new int[slots * 2];
        _slotValue = new double[slots];
        _roots = new int[trees];
        _quadDepths = new int[(trees + 3) / 4];
        _nodeExpected = new double[splitFeatures.Length];

        double expected = bias;
        int slot = 0;
        for (int t = 0; t < trees; t++)
        {
            int first = nodeOffsets[t], nodes = nodeOffsets[t + 1] - first, firstLeaf = first + t;
            _roots[t] = slot;
            _quadDepths[t / 4] = Math.Max(_quadDepths[t / 4], depths[t]);
            for (int i = 0; i < nodes; i++)
            {
                int s = slot + i;
                _slotFeature[s] = splitFeatures[first + i];
                _slotThreshold[s] = thresholds[first + i];
                int left = leftChildren[first + i], right = rightChildren[first + i];
                _slotChildren[2 * s] = left >= 0 ? slot + left : slot + nodes + ~left;
                _slotChildren[2 * s + 1] = right >= 0 ? slot + right : slot + nodes + ~right;
            }
            for (int j = 0; j <= nodes; j++)
            {
                int s = slot + nodes + j;
                _slotChildren[2 * s] = s;
                _slotChildren[2 * s + 1] = s;
                _slotValue[s] = leafValues[firstLeaf + j];
            }
            ComputeExpectedValues(first, nodes, firstLeaf);
            expected += _nodeExpected[first];
            for (int i = 0; i < nodes; i++) _slotValue[slot + i] = _nodeExpected[first + i];
            slot += 2 * nodes + 1;
        }
        ExpectedValue = expected;
        BuildBitvectorLayout();
    }

    /// <summary>Length of the feature rows the trees read.</summary>
    public int FeatureCount { get; }

    public int TreeCount => _depths.Length;

    /// <summary>Splits over all trees.</summary>
    public int NodeCount => _splitFeatures.Length;

    /// <summary>Leaves over all trees (<see cref="NodeCount"/> + <see cref="TreeCount"/>).</summary>
    public int LeafCount => _leafValues.Length;

    /// <summary>Added to the sum of the trees' outputs.</summary>
    public double Bias { get; }

    /// <summary>
    /// The score of an average training row: <see cref="Bias"/> plus each tree's mean leaf value weighted by
    /// <see cref="LeafWeights"/>. <see cref="Contributions"/> explain a score as this plus the per-feature parts.
    /// </summary>
    public double ExpectedValue { get; }

    /// <summary>Tree t's splits are [offsets[t], offsets[t + 1]); its leaves [offsets[t] + t, offsets[t + 1] + t + 1).</summary>
    public ReadOnlySpan<int> TreeNodeOffsets => _nodeOffsets;

    public ReadOnlySpan<int> SplitFeatures => _splitFeatures;

    public ReadOnlySpan<float> Thresholds => _thresholds;

    /// <summary>Per split, tree-local: c ≥ 0 is split c of the same tree, c &lt; 0 is its leaf ~c.</summary>
    public ReadOnlySpan<int> LeftChildren => _leftChildren;

    /// <inheritdoc cref="LeftChildren"/>
    public ReadOnlySpan<int> RightChildren => _rightChildren;

    public ReadOnlySpan<double> LeafValues => _leafValues;

    /// <summary>Training rows (or any cover) that reached each leaf; weighs <see cref="ExpectedValue"/>.</summary>
    public ReadOnlySpan<double> LeafWeights => _leafWeights;

    /// <summary>Splits on the longest root-to-leaf path of tree <paramref name="tree"/>.</summary>
    public int Depth(int tree) => _depths[tree];

    /// <summary>Scores one row of <see cref="FeatureCount"/> features.</summary>
    public float Score(ReadOnlySpan<float> row)
    {
        if (row.Length != FeatureCount)
            ThrowArgument($"Expected a row of {FeatureCount} features, got {row.Length}.", nameof(row));
        return ScoreRow(row);
    }

    /// <summary>
    /// Scores <paramref name="rows"/> rows of <paramref name="matrix"/> into the first <paramref name="rows"/>
    /// elements of <paramref name="scores"/>; each score equals <see cref="Score(ReadOnlySpan{float})"/> of its row.
    /// </summary>
    public void Score(ReadOnlySpan<float> matrix, int rows, MatrixLayout layout, Span<float> scores) =>
        Score(matrix, rows, layout, scores, BestKernel);

    /// <summary>The batch <see cref="Score(ReadOnlySpan{float}, int, MatrixLayout, Span{float})"/> with a chosen kernel
    /// (tests run every kernel on every machine; a vector width the machine lacks runs, slowly, in software).</summary>
    internal unsafe void Score(ReadOnlySpan<float> matrix, int rows, MatrixLayout layout, Span<float> scores, TreeKernel kernel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        long cells = (long)rows * FeatureCount;
        if (matrix.Length < cells)
            ThrowArgument($"{rows} rows of {FeatureCount} features need {cells} floats, the matrix has {matrix.Length}.", nameof(matrix));
        if (scores.Length < rows)
            ThrowArgument($"{rows} rows need {rows} scores, the span has {scores.Length}.", nameof(scores));
        if (layout is not (MatrixLayout.RowMajor or MatrixLayout.FeatureMajor)) ThrowLayout(layout);
        if (rows == 0 || TreeCount == 0)
        {
            scores[..rows].Fill((float)Bias);
            return;
        }

        matrix = matrix[..(int)cells];
        bool featureMajor = layout == MatrixLayout.FeatureMajor;
        int featureStride = featureMajor ? rows : 1;
        int rowStride = featureMajor ? 1 : FeatureCount;
        fixed (float* x = matrix)
        fixed (float* s = scores)
        {
            switch (kernel)
            {
                case TreeKernel.Bitvectors16:
                    ScoreBitvectors<Lanes16, Vector512<float>, Vector512<uint>>(x, featureStride, rowStride, rows, s);
                    break;
                case TreeKernel.Bitvectors8:
                    ScoreBitvectors<Lanes8, Vector256<float>, Vector256<uint>>(x, featureStride, rowStride, rows, s);
                    break;
                default:
                    for (int start = 0; start < rows; start += ChunkRows)
                    {
                        ScoreChunkWalking(x + (long)start * rowStride, featureStride, rowStride,
                            Math.Min(ChunkRows, rows - start), s + start);
                    }
                    break;
            }
        }
    }

    /// <summary>
    /// Splits <see cref="Score(ReadOnlySpan{float})"/> of <paramref name="row"/> into one part per feature, by the
    /// path attribution of Saabas ("interpreting random forests", 2014): every split on the row's path in every tree
    /// credits its feature with the change in expected value from the split to the child the row takes, expected values
    /// being leaf means weighted by <see cref="LeafWeights"/>. <see cref="ExpectedValue"/> plus the parts equals the
    /// score up to float rounding. Unlike SHAP the parts depend on the order of splits along the path.
    /// </summary>
    public void Contributions(ReadOnlySpan<float> row, Span<float> perFeature)
    {
        if (row.Length != FeatureCount)
            ThrowArgument($"Expected a row of {FeatureCount} features, got {row.Length}.", nameof(row));
        if (perFeature.Length != FeatureCount)
            ThrowArgument($"Expected {FeatureCount} contributions, got a span of {perFeature.Length}.", nameof(perFeature));

        double[]? rented = null;
        Span<double> sums = FeatureCount <= StackFeatures
            ? stackalloc double[StackFeatures]
            : (rented = ArrayPool<double>.Shared.Rent(FeatureCount));
        sums = sums[..FeatureCount];
        sums.Clear();
        try
        {
            for (int t = 0; t < TreeCount; t++)
            {
                int first = _nodeOffsets[t], firstLeaf = first + t, node = 0;
                while (true)
                {
                    int feature = _splitFeatures[first + node];
                    int child = row[feature] <= _thresholds[first + node] ? _leftChildren[first + node] : _rightChildren[first + node];
                    double childExpected = child >= 0 ? _nodeExpected[first + child] : _leafValues[firstLeaf + ~child];
                    sums[feature] += childExpected - _nodeExpected[first + node];
                    if (child < 0) break;
                    node = child;
                }
            }
            for (int f = 0; f < FeatureCount; f++) perFeature[f] = (float)sums[f];
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    private unsafe float ScoreRow(ReadOnlySpan<float> row)
    {
        double sum = 0;
        int trees = TreeCount;
        fixed (float* x = row)
        fixed (int* feature = _slotFeature, children = _slotChildren, roots = _roots, depths = _depths, quadDepths = _quadDepths)
        fixed (float* threshold = _slotThreshold)
        fixed (double* value = _slotValue)
        {
            // A single row has no other rows to overlap with, so it walks four trees at once instead.
            int t = 0;
            for (; t + 4 <= trees; t += 4)
            {
                int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
                for (int d = quadDepths[t >> 2]; d > 0; d--)
                {
                    n0 = children[2 * n0 + Right(x[feature[n0]], threshold[n0])];
                    n1 = children[2 * n1 + Right(x[feature[n1]], threshold[n1])];
                    n2 = children[2 * n2 + Right(x[feature[n2]], threshold[n2])];
                    n3 = children[2 * n3 + Right(x[feature[n3]], threshold[n3])];
                }
                // Added one by one, in tree order: the same double sum as ML.NET's, so the same float at the end.
                sum += value[n0];
                sum += value[n1];
                sum += value[n2];
                sum += value[n3];
            }
            for (; t < trees; t++)
            {
                int n = roots[t];
                for (int d = depths[t]; d > 0; d--) n = children[2 * n + Right(x[feature[n]], threshold[n])];
                sum += value[n];
            }
        }
        return (float)(sum + Bias);
    }

    private unsafe void ScoreChunkWalking(float* x, int featureStride, int rowStride, int count, float* scores)
    {
        int padded = (count + Lanes - 1) & ~(Lanes - 1);
        double* acc = stackalloc double[ChunkRows];
        int* offsets = stackalloc int[ChunkRows];
        for (int i = 0; i < padded; i++)
        {
            acc[i] = 0;
            // Lanes past the last row walk the last row again; their sums land in padding that is never read.
            offsets[i] = Math.Min(i, count - 1) * rowStride;
        }

        int trees = TreeCount;
        fixed (int* feature = _slotFeature, children = _slotChildren, roots = _roots, depths = _depths)
        fixed (float* threshold = _slotThreshold)
        fixed (double* value = _slotValue)
        {
            // Tree by tree, so one tree's slots stay in L1 while every row of the chunk walks it.
            for (int t = 0; t < trees; t++)
            {
                int root = roots[t], depth = depths[t];
                for (int b = 0; b < padded; b += Lanes)
                {
                    int* o = offsets + b;
                    int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                    for (int d = depth; d > 0; d--)
                    {
                        n0 = children[2 * n0 + Right(x[o[0] + feature[n0] * featureStride], threshold[n0])];
                        n1 = children[2 * n1 + Right(x[o[1] + feature[n1] * featureStride], threshold[n1])];
                        n2 = children[2 * n2 + Right(x[o[2] + feature[n2] * featureStride], threshold[n2])];
                        n3 = children[2 * n3 + Right(x[o[3] + feature[n3] * featureStride], threshold[n3])];
                        n4 = children[2 * n4 + Right(x[o[4] + feature[n4] * featureStride], threshold[n4])];
                        n5 = children[2 * n5 + Right(x[o[5] + feature[n5] * featureStride], threshold[n5])];
                        n6 = children[2 * n6 + Right(x[o[6] + feature[n6] * featureStride], threshold[n6])];
                        n7 = children[2 * n7 + Right(x[o[7] + feature[n7] * featureStride], threshold[n7])];
                    }
                    double* a = acc + b;
                    a[0] += value[n0];
                    a[1] += value[n1];
                    a[2] += value[n2];
                    a[3] += value[n3];
                    a[4] += value[n4];
                    a[5] += value[n5];
                    a[6] += value[n6];
                    a[7] += value[n7];
                }
            }
        }
        for (int i = 0; i < count; i++) scores[i] = (float)(acc[i] + Bias);
    }

    /// <summary>1 when the row goes right: ML.NET goes left on <c>value &lt;= threshold</c>, so NaN goes right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Right(float value, float threshold) => value <= threshold ? 0 : 1;

    private void ComputeExpectedValues(int first, int nodes, int firstLeaf)
    {
        // Pre-order puts every split before its children, so walking it backwards finishes children first.
        Span<int> order = nodes <= 1024 ? stackalloc int[nodes] : new int[nodes];
        Span<double> weight = nodes <= 1024 ? stackalloc double[nodes] : new double[nodes];
        int count = 0, top = 0;
        Span<int> stack = nodes <= 1024 ? stackalloc int[nodes] : new int[nodes];
        stack[top++] = 0;
        while (top > 0)
        {
            int node = stack[--top];
            order[count++] = node;
            if (_leftChildren[first + node] >= 0) stack[top++] = _leftChildren[first + node];
            if (_rightChildren[first + node] >= 0) stack[top++] = _rightChildren[first + node];
        }
        for (int k = count - 1; k >= 0; k--)
        {
            int node = order[k];
            int left = _leftChildren[first + node], right = _rightChildren[first + node];
            double leftWeight = left >= 0 ? weight[left] : _leafWeights[firstLeaf + ~left];
            double rightWeight = right >= 0 ? weight[right] : _leafWeights[firstLeaf + ~right];
            double leftValue = left >= 0 ? _nodeExpected[first + left] : _leafValues[firstLeaf + ~left];
            double rightValue = right >= 0 ? _nodeExpected[first + right] : _leafValues[firstLeaf + ~right];
            double total = leftWeight + rightWeight;
            weight[node] = total;
            _nodeExpected[first + node] = total > 0
                ? (leftWeight * leftValue + rightWeight * rightValue) / total
                : (leftValue + rightValue) / 2;
        }
    }

    [DoesNotReturn]
    private static void ThrowArgument(string message, string paramName) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    private static void ThrowLayout(MatrixLayout layout) =>
        throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown matrix layout.");
}
