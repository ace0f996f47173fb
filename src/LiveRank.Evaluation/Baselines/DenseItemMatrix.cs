using System.Numerics.Tensors;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// A dense item × item float matrix (row-major). Fine for catalogs of a few thousand items (3,650² floats is
/// 53 MB); larger catalogs need a sparse top-k neighbour list instead.
/// </summary>
internal sealed class DenseItemMatrix
{
    public const int MaxItems = 20_000;

    public DenseItemMatrix(int itemCount)
    {
        if (itemCount > MaxItems)
            throw new NotSupportedException($"Dense item-item baselines support at most {MaxItems:N0} items; this catalog has {itemCount:N0}.");
        ItemCount = itemCount;
        Values = new float[(long)itemCount * itemCount];
    }

    public int ItemCount { get; }
    public float[] Values { get; }

    public Span<float> Row(int item) => Values.AsSpan(item * ItemCount, ItemCount);

    /// <summary>scores += weight · row(item).</summary>
    public void AddRow(int item, float weight, Span<float> scores)
    {
        var row = Values.AsSpan(item * ItemCount, ItemCount);
        if (weight == 1f) TensorPrimitives.Add(scores, row, scores);
        else TensorPrimitives.MultiplyAdd(row, weight, scores, scores);
    }
}
