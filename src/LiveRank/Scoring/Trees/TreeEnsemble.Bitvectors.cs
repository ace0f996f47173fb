using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveRank.Scoring.Trees;

/// <summary>
/// The batch kernel: QuickScorer's bitvector traversal (Lucchese et al., SIGIR 2015) with one row per SIMD lane, 16
/// lanes where the machine runs 512-bit vectors natively and 8 otherwise. Each tree of at most 32 leaves keeps, per row,
/// a 32-bit set of the exit leaves still possible, leaves numbered left to right. Going feature by feature, through the
/// splits on that feature in threshold order, every split a row passes to the right removes the leaves of its left
/// subtree from that row's set; the lowest leaf left is the exit leaf. Splits that send a row left need no work, and
/// since thresholds ascend, the scan of a feature stops at the first split that sends every lane left. Per split that is
/// one compare of all lanes against a threshold instead of a dependent pointer chase per row, and a feature-major matrix
/// hands over a feature's lanes with one load. Bigger trees are walked per row, in the same tree order, so the double
/// sums are the same as in every other path.
/// </summary>
public sealed partial class TreeEnsemble
{
    private const int BitvectorLeaves = 32;
    private const int MaxLanes = 16;

    // Trees per pass: their sets take 32 B (8 lanes) or 64 B (16 lanes) each, at most 16 KB on the stack.
    private const int BitvectorChunkTrees = 256;

    // Chunk c, feature f: splits [_bvStarts[c·(F+1) + f], _bvStarts[c·(F+1) + f + 1]), thresholds ascending.
    private int[] _bvStarts = [];
    private BitvectorSplit[] _bvSplits = [];

    // Tree t's leaf values in left-to-right order at [32·t, 32·t + leaves); trees with more leaves are walked.
    private double[] _bvLeafValues = [];

    private void BuildBitvectorLayout()
    {
        int trees = TreeCount, features = FeatureCount;
        int chunks = (trees + BitvectorChunkTrees - 1) / BitvectorChunkTrees;
        _bvLeafValues = new double[trees * BitvectorLeaves];
        _bvStarts = new int[chunks * (features + 1)];
        var splits = new List<(int Feature, float Threshold, int Tree, uint Keep)>();
        var ordered = new List<BitvectorSplit>();
        for (int c = 0; c < chunks; c++)
        {
            splits.Clear();
            int firstTree = c * BitvectorChunkTrees, lastTree = Math.Min(trees, firstTree + BitvectorChunkTrees);
            for (int t = firstTree; t < lastTree; t++)
            {
                int first = _nodeOffsets[t], nodes = _nodeOffsets[t + 1] - first;
                if (nodes + 1 > BitvectorLeaves) continue;
                int rank = 0;
                Rank(t, first, 0, ref rank, splits, t - firstTree);
            }
            // A total order, so the same model always gets the same layout.
            splits.Sort((a, b) => a.Feature != b.Feature ? a.Feature.CompareTo(b.Feature)
                : a.Threshold != b.Threshold ? a.Threshold.CompareTo(b.Threshold)
                : a.Tree != b.Tree ? a.Tree.CompareTo(b.Tree) : a.Keep.CompareTo(b.Keep));
            int k = 0;
            for (int f = 0; f <= features; f++)
            {
                _bvStarts[c * (features + 1) + f] = ordered.Count;
                while (f < features && k < splits.Count && splits[k].Feature == f)
                {
                    ordered.Add(new BitvectorSplit(splits[k].Threshold, splits[k].Tree, splits[k].Keep));
                    k++;
                }
            }
        }
        _bvSplits = [.. ordered];
    }

    /// <summary>Numbers the leaves under <paramref name="node"/> left to right; returns the range of their numbers.</summary>
    private (int First, int Last) Rank(int tree, int first, int node, ref int rank,
        List<(int Feature, float Threshold, int Tree, uint Keep)> splits, int treeInChunk)
    {
        var left = Side(tree, first, _leftChildren[first + node], ref rank, splits, treeInChunk);
        var right = Side(tree, first, _rightChildren[first + node], ref rank, splits, treeInChunk);
        // A row that goes right here cannot end in the left subtree: those leaves leave its set.
        ulong leftLeaves = ((1UL << (left.Last - left.First + 1)) - 1) << left.First;
        splits.Add((_splitFeatures[first + node], _thresholds[first + node], treeInChunk, (uint)~leftLeaves));
        return (left.First, right.Last);
    }

    private (int First, int Last) Side(int tree, int first, int child, ref int rank,
        List<(int Feature, float Threshold, int Tree, uint Keep)> splits, int treeInChunk)
    {
        if (child >= 0) return Rank(tree, first, child, ref rank, splits, treeInChunk);
        int number = rank++;
        _bvLeafValues[tree * BitvectorLeaves + number] = _leafValues[first + tree + ~child];
        return (number, number);
    }

    private unsafe void ScoreBitvectors<TLanes, TValues, TSets>(float* x, int featureStride, int rowStride, int count, float* scores)
        where TLanes : struct, ILanes<TValues, TSets>
        where TValues : unmanaged
        where TSets : unmanaged
    {
        int trees = TreeCount, features = FeatureCount, width = TLanes.Count;
        var sets = stackalloc TSets[BitvectorChunkTrees];
        float* gathered = stackalloc float[MaxLanes];
        double* sums = stackalloc double[MaxLanes];
        float** rows = stackalloc float*[MaxLanes];
        fixed (int* starts = _bvStarts, nodeOffsets = _nodeOffsets)
        fixed (BitvectorSplit* splits = _bvSplits)
        fixed (double* leafValues = _bvLeafValues)
        {
            for (int b = 0; b < count; b += width)
            {
                int lanes = Math.Min(width, count - b);
                float* block = x + (long)b * rowStride;
                bool contiguous = rowStride == 1 && lanes == width;
                for (int i = 0; i < width; i++)
                {
                    sums[i] = 0;
                    // Lanes past the last row repeat it, so every lane walks a real row; their sums are dropped.
                    rows[i] = block + (long)Math.Min(i, lanes - 1) * rowStride;
                }
                for (int firstTree = 0; firstTree < trees; firstTree += BitvectorChunkTrees)
                {
                    int chunkTrees = Math.Min(BitvectorChunkTrees, trees - firstTree);
                    for (int t = 0; t < chunkTrees; t++) sets[t] = TLanes.AllLeaves;
                    int* featureStarts = starts + firstTree / BitvectorChunkTrees * (features + 1);
                    for (int f = 0; f < features; f++)
                    {
                        int k = featureStarts[f], end = featureStarts[f + 1];
                        if (k == end) continue;
                        long offset = (long)f * featureStride;
                        TValues values = contiguous ? TLanes.Load(block + offset) : TLanes.Load(Gather(rows, offset, width, gathered));
                        Scan<TLanes, TValues, TSets>(values, splits + k, splits + end, sets);
                    }

                    uint* exits = (uint*)sets;
                    for (int t = 0; t < chunkTrees; t++, exits += width)
                    {
                        int tree = firstTree + t;
                        if (nodeOffsets[tree + 1] - nodeOffsets[tree] + 1 > BitvectorLeaves)
                        {
                            for (int i = 0; i < width; i++) sums[i] += Walk(tree, rows[i], featureStride);
                            continue;
                        }
                        double* values = leafValues + tree * BitvectorLeaves;
                        for (int i = 0; i < width; i++) sums[i] += values[BitOperations.TrailingZeroCount(exits[i])];
                    }
                }
                for (int i = 0; i < lanes; i++) scores[b + i] = (float)(sums[i] + Bias);
            }
        }
    }

    /// <summary>
    /// One feature's splits, thresholds ascending. Lanes that go left (value &lt;= threshold, so never NaN) keep every
    /// leaf, the others all but the left subtree's; the first split that sends every lane left ends the scan. Not
    /// inlined: on its own the loop keeps everything in registers (inlined, the JIT spilled to the stack).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static unsafe void Scan<TLanes, TValues, TSets>(TValues values, BitvectorSplit* split, BitvectorSplit* end, TSets* sets)
        where TLanes : struct, ILanes<TValues, TSets>
        where TValues : unmanaged
        where TSets : unmanaged
    {
        for (; split < end; split++)
        {
            if (TLanes.AllLeft(values, split->Threshold)) return;
            TSets* set = sets + split->Tree;
            *set = TLanes.Keep(*set, values, split->Threshold, split->Keep);
        }
    }

    private static unsafe float* Gather(float** rows, long offset, int width, float* gathered)
    {
        for (int i = 0; i < width; i++) gathered[i] = rows[i][offset];
        return gathered;
    }

    /// <summary>Tree <paramref name="tree"/>'s output for one row, walking the evaluator's slots.</summary>
    private unsafe double Walk(int tree, float* row, int featureStride)
    {
        int n = _roots[tree];
        for (int d = _depths[tree]; d > 0; d--) n = _slotChildren[2 * n + Right(row[_slotFeature[n] * featureStride], _slotThreshold[n])];
        return _slotValue[n];
    }

    /// <summary>One row per lane: loads, compares and set updates on 8 or 16 lanes.</summary>
    private interface ILanes<TValues, TSets>
    {
        static abstract int Count { get; }

        static abstract TSets AllLeaves { get; }

        static abstract unsafe TValues Load(float* values);

        /// <summary>Whether every lane's value is at most <paramref name="threshold"/>.</summary>
        static abstract bool AllLeft(TValues values, float threshold);

        /// <summary>The sets cut to <paramref name="keep"/>'s leaves in the lanes whose value is not at most <paramref name="threshold"/>.</summary>
        static abstract TSets Keep(TSets sets, TValues values, float threshold, uint keep);
    }

    private struct Lanes8 : ILanes<Vector256<float>, Vector256<uint>>
    {
        public static int Count => 8;

        public static Vector256<uint> AllLeaves => Vector256<uint>.AllBitsSet;

        public static unsafe Vector256<float> Load(float* values) => Vector256.Load(values);

        public static bool AllLeft(Vector256<float> values, float threshold) =>
            Vector256.LessThanOrEqualAll(values, Vector256.Create(threshold));

        public static Vector256<uint> Keep(Vector256<uint> sets, Vector256<float> values, float threshold, uint keep) =>
            sets & (Vector256.LessThanOrEqual(values, Vector256.Create(threshold)).AsUInt32() | Vector256.Create(keep));
    }

    private struct Lanes16 : ILanes<Vector512<float>, Vector512<uint>>
    {
        public static int Count => 16;

        public static Vector512<uint> AllLeaves => Vector512<uint>.AllBitsSet;

        public static unsafe Vector512<float> Load(float* values) => Vector512.Load(values);

        public static bool AllLeft(Vector512<float> values, float threshold) =>
            Vector512.LessThanOrEqualAll(values, Vector512.Create(threshold));

        public static Vector512<uint> Keep(Vector512<uint> sets, Vector512<float> values, float threshold, uint keep) =>
            sets & (Vector512.LessThanOrEqual(values, Vector512.Create(threshold)).AsUInt32() | Vector512.Create(keep));
    }

    /// <summary>A split as the scan reads it: its three fields are always read together, so they sit together.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct BitvectorSplit(float Threshold, int Tree, uint Keep);
}
