using LiveRank.Scoring.Trees;

namespace LiveRank.Training.Trees;

/// <summary>
/// Walks one tree of a <see cref="TreeEnsemble"/> through its public arrays, with the evaluator's semantics (left on
/// <c>value &lt;= threshold</c>, so NaN goes right). Training-time only: leaf covers and per-tree validation curves.
/// </summary>
internal static class TreeWalk
{
    /// <summary>The tree-local leaf index that <paramref name="row"/> reaches in tree <paramref name="tree"/>.</summary>
    public static int Leaf(TreeEnsemble model, int tree, ReadOnlySpan<float> row)
    {
        var features = model.SplitFeatures;
        var thresholds = model.Thresholds;
        var left = model.LeftChildren;
        var right = model.RightChildren;
        int first = model.TreeNodeOffsets[tree], node = 0;
        while (true)
        {
            int child = row[features[first + node]] <= thresholds[first + node] ? left[first + node] : right[first + node];
            if (child < 0) return ~child;
            node = child;
        }
    }

    /// <summary>The output of tree <paramref name="tree"/> for <paramref name="row"/>.</summary>
    public static double Output(TreeEnsemble model, int tree, ReadOnlySpan<float> row) =>
        model.LeafValues[model.TreeNodeOffsets[tree] + tree + Leaf(model, tree, row)];
}
