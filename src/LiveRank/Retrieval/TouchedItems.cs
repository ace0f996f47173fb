namespace LiveRank.Retrieval;

/// <summary>
/// The items a sparse scoring pass wrote into a dense per-item buffer, so the buffer is cleared in O(touched) rather
/// than O(catalog) before the next request reuses it.
/// </summary>
public sealed class TouchedItems
{
    private int[] _items = new int[256];

    public int Count { get; private set; }

    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);

    public void Add(int item)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = item;
    }

    /// <summary>Zeroes the touched entries of <paramref name="scores"/> and forgets them.</summary>
    public void Clear(Span<float> scores)
    {
        foreach (int item in Items) scores[item] = 0;
        Count = 0;
    }
}
