namespace LiveRank.Features;

/// <summary>
/// A small open-addressing map from item index to a summed score, reused across requests: a few hundred adds and
/// one probe per candidate, without the hashing and entry bookkeeping of a <see cref="Dictionary{TKey, TValue}"/>
/// and without a dense per-item array whose size would grow with the catalog. Not thread-safe; one per context.
/// </summary>
internal sealed class ScoreAccumulator
{
    private const int Empty = -1;
    private int[] _keys;
    private float[] _values;
    private int[] _used;
    private int _count;
    private int _mask;
    private int _shift;

    public ScoreAccumulator(int capacity = 1024)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _keys = new int[size];
        Array.Fill(_keys, Empty);
        _values = new float[size];
        _used = new int[size / 2];
        _mask = size - 1;
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public int Count => _count;

    public void Add(int key, float value)
    {
        if (_count >= _used.Length) Grow();
        int slot = Probe(key);
        if (_keys[slot] == Empty)
        {
            _keys[slot] = key;
            _used[_count++] = slot;
        }
        _values[slot] += value;
    }

    /// <summary>The <paramref name="i"/>-th key added since the last <see cref="Clear"/> (0 ≤ i &lt; <see cref="Count"/>).</summary>
    public int KeyAt(int i) => _keys[_used[i]];

    /// <summary>The summed value of <see cref="KeyAt"/>(<paramref name="i"/>).</summary>
    public float ValueAt(int i) => _values[_used[i]];

    public float Get(int key)
    {
        int slot = Probe(key);
        return _keys[slot] == key ? _values[slot] : 0;
    }

    /// <summary>Empties the map, touching only the slots in use.</summary>
    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            int slot = _used[i];
            _keys[slot] = Empty;
            _values[slot] = 0;
        }
        _count = 0;
    }

    private int Probe(int key)
    {
        int slot = (int)((uint)key * 0x9E3779B1u >> _shift); // Fibonacci hashing: the product's top bits
        while (_keys[slot] != Empty && _keys[slot] != key) slot = (slot + 1) & _mask;
        return slot;
    }

    private void Grow()
    {
        var keys = _keys;
        var values = _values;
        var used = _used;
        int count = _count;
        int size = keys.Length * 2;
        _keys = new int[size];
        Array.Fill(_keys, Empty);
        _values = new float[size];
        _used = new int[size / 2];
        _mask = size - 1;
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        _count = 0;
        for (int i = 0; i < count; i++) Add(keys[used[i]], values[used[i]]);
    }
}
