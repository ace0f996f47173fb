namespace LiveRank.Retrieval;

/// <summary>
/// The best <c>k</c> items offered, by score (higher first) then item index (lower first), as a bounded min-heap: one
/// comparison for an item that does not make the cut, O(log k) for one that does. Reused across requests; not
/// thread-safe. NaN scores are never kept.
/// </summary>
internal sealed class TopItems
{
    private float[] _scores = new float[64];
    private int[] _items = new int[64];
    private int _count;
    private int _capacity;

    public int Count => _count;

    /// <summary>Empties the heap and sets how many items it keeps.</summary>
    public void Reset(int capacity)
    {
        _count = 0;
        _capacity = Math.Max(0, capacity);
        if (_scores.Length < _capacity)
        {
            _scores = new float[_capacity];
            _items = new int[_capacity];
        }
    }

    /// <summary>True when an item with this score would be kept (cheap pre-check before computing more).</summary>
    public bool WouldKeep(float score, int item) =>
        _count < _capacity || (_capacity > 0 && Better(score, item, _scores[0], _items[0]));

    public void Offer(float score, int item)
    {
        if (float.IsNaN(score) || _capacity == 0) return;
        if (_count < _capacity)
        {
            int at = _count++;
            // Sift up: the root holds the worst kept item.
            while (at > 0)
            {
                int parent = (at - 1) >> 1;
                if (!Better(_scores[parent], _items[parent], score, item)) break;
                _scores[at] = _scores[parent];
                _items[at] = _items[parent];
                at = parent;
            }
            _scores[at] = score;
            _items[at] = item;
            return;
        }
        if (!Better(score, item, _scores[0], _items[0])) return;
        SiftDown(0, score, item, _count);
    }

    /// <summary>Writes the kept items best first into <paramref name="destination"/> and empties the heap; returns how many.</summary>
    public int Drain(Span<int> destination)
    {
        int n = _count;
        // Pop the worst repeatedly, filling from the back.
        for (int k = n - 1; k >= 0; k--)
        {
            destination[k] = _items[0];
            int last = k;
            if (last > 0) SiftDown(0, _scores[last], _items[last], last);
        }
        _count = 0;
        return n;
    }

    /// <summary>Places (score, item) at <paramref name="at"/> and sifts it down within the first <paramref name="size"/> entries.</summary>
    private void SiftDown(int at, float score, int item, int size)
    {
        while (true)
        {
            int child = 2 * at + 1;
            if (child >= size) break;
            if (child + 1 < size && Better(_scores[child], _items[child], _scores[child + 1], _items[child + 1])) child++;
            if (!Better(score, item, _scores[child], _items[child])) break;
            _scores[at] = _scores[child];
            _items[at] = _items[child];
            at = child;
        }
        _scores[at] = score;
        _items[at] = item;
    }

    /// <summary>True when (a, ia) ranks before (b, ib): higher score, or the same score and a lower item index.</summary>
    private static bool Better(float a, int ia, float b, int ib) => a > b || (a == b && ia < ib);
}
