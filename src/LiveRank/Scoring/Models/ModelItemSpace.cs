namespace LiveRank.Scoring.Models;

/// <summary>
/// The model's own item indices, with LM vectors from a dense table (training and offline evaluation): every item is
/// a model item, its categories and price are the model's statistics.
/// </summary>
public sealed class ModelItemSpace : ItemSpace
{
    private readonly ItemStatistics _statistics;
    private readonly float[]? _vectors;
    private readonly bool[]? _hasVector;
    private readonly int _dimension;

    /// <param name="vectors">ItemCount × <paramref name="dimension"/> unit vectors (an all-zero row = no vector), or null.</param>
    public ModelItemSpace(ItemStatistics statistics, float[]? vectors, int dimension)
    {
        if (vectors is not null && vectors.Length != statistics.ItemCount * dimension)
            throw new ArgumentException($"{vectors.Length} vector floats for {statistics.ItemCount} items of dimension {dimension}.");
        _statistics = statistics;
        _vectors = vectors;
        _dimension = vectors is null ? 0 : dimension;
        if (vectors is not null)
        {
            _hasVector = new bool[statistics.ItemCount];
            for (int i = 0; i < _hasVector.Length; i++) _hasVector[i] = vectors.AsSpan(i * dimension, dimension).ContainsAnyExcept(0f);
        }
    }

    public override int Dimension => _dimension;

    /// <summary>The vector table (null without vectors).</summary>
    public float[]? Vectors => _vectors;

    public override int ModelIndex(int item) => item;

    public override int FromModelIndex(int modelItem) => modelItem;

    public override bool TryCopyVector(int item, Span<float> destination)
    {
        if (_vectors is null || !_hasVector![item]) return false;
        _vectors.AsSpan(item * _dimension, _dimension).CopyTo(destination);
        return true;
    }

    public override ReadOnlySpan<int> Categories(int item) => _statistics.Categories[item];

    public override float Price(int item) => _statistics.Prices[item];
}
