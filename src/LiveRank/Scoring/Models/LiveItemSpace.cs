using LiveRank.State;

namespace LiveRank.Scoring.Models;

/// <summary>
/// The live catalog as a trained model sees it: live item indices, mapped to the model's indices by id (items added
/// after training map to -1 and rank through their text and categories alone). The maps grow as the catalog grows;
/// readers never wait for a writer, and a deleted item is never proposed.
/// </summary>
internal sealed class LiveItemSpace : ItemSpace
{
    [ThreadStatic] private static int[]? t_categories;

    private readonly LiveState _state;
    private readonly RankingModel _model;
    private readonly Dictionary<string, int> _modelCategories;
    private readonly object _gate = new();
    private volatile Maps _maps;

    public LiveItemSpace(LiveState state, RankingModel model)
    {
        _state = state;
        _model = model;
        _modelCategories = model.Statistics.CategoryNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var fromModel = new int[model.ItemCount];
        Array.Fill(fromModel, -1);
        _maps = new Maps([], fromModel, []);
        Extend(state.ItemCount);
        Dimension = model.Adapter is not null && state.Semantic is { } semantic ? semantic.Dimension : 0;
    }

    public override int Dimension { get; }

    public override int ModelIndex(int item)
    {
        if (item < 0) return -1;
        var maps = _maps;
        if (item >= maps.ToModel.Length) maps = Extend(item + 1);
        return item < maps.ToModel.Length ? maps.ToModel[item] : -1;
    }

    public override int FromModelIndex(int modelItem)
    {
        var maps = _maps;
        int item = maps.FromModel[modelItem];
        if (item < 0 && _state.ItemCount > maps.ToModel.Length) item = Extend(_state.ItemCount).FromModel[modelItem];
        var slots = _state.Items;
        return item >= 0 && item < slots.Length && slots[item].Item is not null ? item : -1;
    }

    public override bool TryCopyVector(int item, Span<float> destination) =>
        item >= 0 && Dimension > 0 && _state.Semantic!.Items.TryCopy(item, destination);

    public override ReadOnlySpan<int> Categories(int item)
    {
        var slots = _state.Items;
        if (item < 0 || item >= slots.Length || slots[item].Categories is not { Length: > 0 } live) return default;
        var maps = _maps;
        var buffer = t_categories ??= new int[64];
        int count = 0;
        foreach (int category in live)
        {
            if (category >= maps.Categories.Length) maps = ExtendCategories();
            int m = category < maps.Categories.Length ? maps.Categories[category] : -1;
            if (m >= 0 && count < buffer.Length) buffer[count++] = m;
        }
        return buffer.AsSpan(0, count);
    }

    public override float Price(int item)
    {
        var slots = _state.Items;
        return item >= 0 && item < slots.Length && slots[item].Item?.Price is double price ? (float)price : float.NaN;
    }

    private Maps Extend(int count)
    {
        lock (_gate)
        {
            var maps = _maps;
            count = Math.Min(count, _state.ItemCount);
            if (count <= maps.ToModel.Length) return maps;
            var toModel = new int[count];
            maps.ToModel.CopyTo(toModel, 0);
            var fromModel = (int[])maps.FromModel.Clone();
            for (int item = maps.ToModel.Length; item < count; item++)
            {
                int m = _model.IndexOf(_state.ItemIds.NameOf(item));
                toModel[item] = m;
                if (m >= 0) fromModel[m] = item;
            }
            _maps = maps = new Maps(toModel, fromModel, maps.Categories);
            return maps;
        }
    }

    private Maps ExtendCategories()
    {
        lock (_gate)
        {
            var maps = _maps;
            int count = _state.CategoryIds.Count;
            if (count <= maps.Categories.Length) return maps;
            var categories = new int[count];
            maps.Categories.CopyTo(categories, 0);
            for (int c = maps.Categories.Length; c < count; c++)
                categories[c] = _modelCategories.TryGetValue(_state.CategoryIds.NameOf(c), out int m) ? m : -1;
            _maps = maps = new Maps(maps.ToModel, maps.FromModel, categories);
            return maps;
        }
    }

    private sealed record Maps(int[] ToModel, int[] FromModel, int[] Categories);
}
