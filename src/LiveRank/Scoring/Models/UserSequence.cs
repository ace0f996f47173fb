namespace LiveRank.Scoring.Models;

/// <summary>
/// One user's behaviour as a model reads it, oldest first: each entry's item (in the caller's <see cref="ItemSpace"/>),
/// unix-second time and interest weight (purchase > cart > click > view; a rating follows its value; a skip is
/// negative), and the moment of the ranking. Reused between requests; not thread-safe.
/// </summary>
public sealed class UserSequence
{
    private int[] _items = new int[64];
    private uint[] _times = new uint[64];
    private float[] _weights = new float[64];

    public int Count { get; private set; }

    /// <summary>Unix seconds of the ranking: features that count "the last 30 days" count back from here.</summary>
    public uint Now { get; set; }

    public ReadOnlySpan<int> Items => _items.AsSpan(0, Count);
    public ReadOnlySpan<uint> Times => _times.AsSpan(0, Count);
    public ReadOnlySpan<float> Weights => _weights.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void Add(int item, uint time, float weight)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, Count * 2);
            Array.Resize(ref _times, Count * 2);
            Array.Resize(ref _weights, Count * 2);
        }
        _items[Count] = item;
        _times[Count] = time;
        _weights[Count] = weight;
        Count++;
    }

    /// <summary>Fills from parallel spans; <see cref="Now"/> becomes the newest time unless given.</summary>
    public void Set(ReadOnlySpan<int> items, ReadOnlySpan<long> times, ReadOnlySpan<float> weights, uint? now = null)
    {
        Clear();
        for (int i = 0; i < items.Length; i++)
            Add(items[i], times.IsEmpty ? 0 : (uint)Math.Clamp(times[i], 0, uint.MaxValue), weights.IsEmpty ? 1f : weights[i]);
        Now = now ?? (Count == 0 ? 0 : _times[Count - 1]);
    }
}
