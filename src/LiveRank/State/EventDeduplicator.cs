using System.IO.Hashing;
using System.Text;

namespace LiveRank.State;

/// <summary>
/// Remembers recent client-supplied event ids, as 64-bit XxHashes of their UTF-8 bytes, so that re-posting an
/// event is a no-op. Memory is bounded by a window of ids, kept as two generations: when the newer one holds
/// half the window it becomes the older one and the oldest generation is dropped. So an id is remembered for at
/// least window/2 and at most window newer ids — retries come within seconds or minutes, not millions of events.
/// Two distinct ids collide with probability about n²/2⁶⁵ (n = window); a collision drops one event, never
/// corrupts state.
/// </summary>
internal sealed class EventDeduplicator
{
    private readonly int _generationSize;
    private HashSet<ulong> _current = [];
    private HashSet<ulong> _previous = [];

    public EventDeduplicator(int window) => _generationSize = Math.Max(1, window / 2);

    public int Count => _current.Count + _previous.Count;

    public static ulong Hash(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(text, buffer);
        return XxHash64.HashToUInt64(buffer[..n]);
    }

    public bool Contains(ulong hash) => _current.Contains(hash) || _previous.Contains(hash);

    /// <summary>Adds the hash; false when it is already remembered.</summary>
    public bool Add(ulong hash)
    {
        if (_previous.Contains(hash) || !_current.Add(hash)) return false;
        if (_current.Count >= _generationSize)
        {
            (_previous, _current) = (_current, _previous);
            _current.Clear();
        }
        return true;
    }

    /// <summary>Forgets a hash added by a write that then failed.</summary>
    public void Remove(ulong hash)
    {
        if (!_current.Remove(hash)) _previous.Remove(hash);
    }

    /// <summary>Oldest generation first, so that re-adding in this order restores the generations.</summary>
    internal IEnumerable<ulong> All => _previous.Concat(_current);
}
