using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace LiveRank.State;

/// <summary>
/// Remembers every client-supplied event id, as a 64-bit XxHash of its UTF-8 bytes (8–24 bytes each), so
/// re-posting an event is a no-op. Two distinct ids collide with probability about n²/2⁶⁵ — below 3·10⁻⁸
/// for a billion events — and a collision would drop one event, never corrupt state.
/// </summary>
internal sealed class EventDeduplicator
{
    private readonly HashSet<ulong> _seen = [];

    public int Count => _seen.Count;

    public static ulong Hash(string eventId)
    {
        int max = Encoding.UTF8.GetMaxByteCount(eventId.Length);
        Span<byte> buffer = max <= 512 ? stackalloc byte[max] : new byte[max];
        int n = Encoding.UTF8.GetBytes(eventId, buffer);
        return XxHash64.HashToUInt64(buffer[..n]);
    }

    public bool Contains(ulong hash) => _seen.Contains(hash);

    /// <summary>Adds the hash; false when it was already there.</summary>
    public bool Add(ulong hash) => _seen.Add(hash);

    public void Remove(ulong hash) => _seen.Remove(hash);

    internal IEnumerable<ulong> All => _seen;

    internal void EnsureCapacity(int n) => _seen.EnsureCapacity(n);

    internal static ReadOnlySpan<byte> AsBytes(ReadOnlySpan<ulong> hashes) => MemoryMarshal.AsBytes(hashes);
}
