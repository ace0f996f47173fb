namespace LiveRank.Scoring.Trees;

/// <summary>
/// Checks that one tree's arrays describe a proper binary tree, so the evaluator can walk any accepted model without
/// bounds checks and without ever looping: every child index in range, every non-root node and every leaf reached
/// from the root exactly once, features below the feature count, thresholds not NaN, leaf values finite.
/// </summary>
internal static class TreeShape
{
    /// <summary>Returns why the tree is not acceptable, or null; <paramref name="depth"/> is the deepest leaf's depth.</summary>
    public static string? Check(int featureCount, ReadOnlySpan<int> splitFeatures, ReadOnlySpan<float> thresholds,
        ReadOnlySpan<int> leftChildren, ReadOnlySpan<int> rightChildren, ReadOnlySpan<double> leafValues,
        ReadOnlySpan<double> leafWeights, out int depth)
    {
        depth = 0;
        int nodes = splitFeatures.Length;
        int leaves = nodes + 1;
        if (nodes < 1) return "a tree needs at least one split";
        if (leaves > TreeEnsemble.MaxLeavesPerTree) return $"{leaves} leaves, more than {TreeEnsemble.MaxLeavesPerTree}";
        if (thresholds.Length != nodes || leftChildren.Length != nodes || rightChildren.Length != nodes)
            return $"{nodes} split features but {thresholds.Length} thresholds, {leftChildren.Length} left and {rightChildren.Length} right children";
        if (leafValues.Length != leaves) return $"{nodes} splits need {leaves} leaf values, got {leafValues.Length}";
        if (leafWeights.Length != leaves) return $"{nodes} splits need {leaves} leaf weights, got {leafWeights.Length}";

        for (int i = 0; i < nodes; i++)
        {
            if ((uint)splitFeatures[i] >= (uint)featureCount)
                return $"node {i} splits on feature {splitFeatures[i]}, outside [0, {featureCount})";
            if (float.IsNaN(thresholds[i])) return $"node {i} has a NaN threshold";
        }
        for (int j = 0; j < leaves; j++)
        {
            if (!double.IsFinite(leafValues[j])) return $"leaf {j} has value {leafValues[j]}";
            if (!double.IsFinite(leafWeights[j]) || leafWeights[j] < 0) return $"leaf {j} has weight {leafWeights[j]}";
        }

        // Walk from the root; a node or leaf met twice means a cycle or a shared child, one never met is unreachable.
        // Either would let a corrupt file hang or misroute the evaluator, so both are refused.
        var seenNode = new bool[nodes];
        var seenLeaf = new bool[leaves];
        var stack = new (int Node, int Depth)[nodes];
        int top = 0, nodesSeen = 1, leavesSeen = 0;
        seenNode[0] = true;
        stack[top++] = (0, 0);
        while (top > 0)
        {
            var (node, nodeDepth) = stack[--top];
            for (int side = 0; side < 2; side++)
            {
                int child = side == 0 ? leftChildren[node] : rightChildren[node];
                if (child >= 0)
                {
                    if (child >= nodes) return $"node {node} has child {child}, outside [0, {nodes})";
                    if (seenNode[child]) return $"node {child} is reached twice (node {node} points back into the tree)";
                    seenNode[child] = true;
                    nodesSeen++;
                    stack[top++] = (child, nodeDepth + 1);
                }
                else
                {
                    int leaf = ~child;
                    if (leaf >= leaves) return $"node {node} has leaf child {leaf}, outside [0, {leaves})";
                    if (seenLeaf[leaf]) return $"leaf {leaf} is reached twice";
                    seenLeaf[leaf] = true;
                    leavesSeen++;
                    depth = Math.Max(depth, nodeDepth + 1);
                }
            }
        }
        if (nodesSeen != nodes) return $"{nodes - nodesSeen} of {nodes} nodes are not reachable from the root";
        if (leavesSeen != leaves) return $"{leaves - leavesSeen} of {leaves} leaves are not reachable from the root";
        return null;
    }
}
