using System.Numerics.Tensors;

namespace LiveRank.Evaluation.Diversity;

/// <summary>Item vectors in one row-major array, normalised to unit length on construction (a zero row stays zero).</summary>
public sealed class ItemVectors : IItemVectors
{
    private readonly float[] _values;

    public ItemVectors(float[] values, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (values.Length % dimension != 0) throw new ArgumentException("The values are not whole rows.", nameof(values));
        _values = values;
        Dimension = dimension;
        Count = values.Length / dimension;
        for (int i = 0; i < Count; i++)
        {
            var row = _values.AsSpan(i * dimension, dimension);
            float norm = TensorPrimitives.Norm(row);
            if (norm > 0) TensorPrimitives.Divide(row, norm, row);
        }
    }

    public int Count { get; }
    public int Dimension { get; }
    public ReadOnlySpan<float> this[int item] => _values.AsSpan(item * Dimension, Dimension);

    /// <summary>The raw rows (already normalised), for caching.</summary>
    internal ReadOnlySpan<float> Values => _values;

    /// <summary>Vectors given row by row, e.g. hand-made ones in tests.</summary>
    public static ItemVectors FromRows(params float[][] rows) =>
        new([.. rows.SelectMany(r => r)], rows.Length == 0 ? 1 : rows[0].Length);
}
