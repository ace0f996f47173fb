using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring.Models;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// A split's items as a trained model sees them: the model knows only the items its training log met (P4's cold items
/// are not among them), every split item has its LM vector, categories and price from the catalog.
/// </summary>
internal sealed class SplitItemSpace : ItemSpace
{
    private readonly int[] _toModel;
    private readonly int[] _fromModel;
    private readonly float[]? _vectors;
    private readonly bool[] _hasVector;
    private readonly int[][] _categories;
    private readonly float[] _prices;

    public SplitItemSpace(LeaveOneOutSplit split, RankingModel model, float[]? vectors, int dimension)
    {
        int n = split.ItemCount;
        _toModel = new int[n];
        _fromModel = new int[model.ItemCount];
        Array.Fill(_fromModel, -1);
        for (int i = 0; i < n; i++)
        {
            _toModel[i] = model.IndexOf(split.ItemIds[i]);
            if (_toModel[i] >= 0) _fromModel[_toModel[i]] = i;
        }
        _vectors = model.Adapter is null ? null : vectors;
        Dimension = _vectors is null ? 0 : dimension;
        _hasVector = new bool[n];
        if (_vectors is not null)
            for (int i = 0; i < n; i++) _hasVector[i] = _vectors.AsSpan(i * dimension, dimension).ContainsAnyExcept(0f);
        var vocabulary = model.Statistics.CategoryNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        _categories = new int[n][];
        _prices = new float[n];
        for (int i = 0; i < n; i++)
        {
            var item = split.Items?[i];
            _categories[i] = item is null ? [] : [.. item.Categories.Where(vocabulary.ContainsKey).Select(c => vocabulary[c]).Distinct()];
            _prices[i] = item?.Price is double price ? (float)price : float.NaN;
        }
    }

    public override int Dimension { get; }

    public override int ModelIndex(int item) => item < 0 ? -1 : _toModel[item];

    public override int FromModelIndex(int modelItem) => _fromModel[modelItem];

    public override bool TryCopyVector(int item, Span<float> destination)
    {
        if (_vectors is null || item < 0 || !_hasVector[item]) return false;
        _vectors.AsSpan(item * Dimension, Dimension).CopyTo(destination);
        return true;
    }

    public override ReadOnlySpan<int> Categories(int item) => item < 0 ? default : _categories[item];

    public override float Price(int item) => item < 0 ? float.NaN : _prices[item];
}
