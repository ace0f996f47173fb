namespace LiveRank.State;

/// <summary>
/// Real-time state of one user: a ring buffer of recent events, per-type counters and the current session.
/// Mutated only by the single writer; readers copy it under the instance lock.
/// Kept small on purpose (under 2 KB with 200 events): the ring grows on demand, values are compact.
/// </summary>
internal sealed class UserState
{
    private RecentEvent[] _ring;
    private int _start;
    private int _count;

    public UserState(int typeCount)
    {
        _ring = new RecentEvent[4];
        TypeCounts = new int[typeCount];
    }

    public int[] TypeCounts { get; private set; }

    /// <summary>Hash of the caller's current session id; 0 when sessions come from inactivity alone.</summary>
    public ulong SessionKey { get; set; }

    /// <summary>Unix minute that <see cref="RecentEvent.MinuteOffset"/> counts from: the minute of the user's first event.</summary>
    public uint BaseMinute { get; set; }

    /// <summary>Latest event time seen (unix seconds).</summary>
    public uint LastTime { get; set; }

    public int SessionCount { get; set; }

    /// <summary>LM profile vectors; null until an event touches an item that has a vector.</summary>
    public Semantics.UserProfile? Profile { get; set; }

    public int Count => _count;

    public long TotalEvents
    {
        get
        {
            long total = 0;
            foreach (int c in TypeCounts) total += c;
            return total;
        }
    }

    public void Append(in RecentEvent e, int capacity)
    {
        if (_count < _ring.Length)
        {
            _ring[(_start + _count) % _ring.Length] = e;
            _count++;
            return;
        }
        if (_ring.Length < capacity)
        {
            var grown = new RecentEvent[Math.Min(capacity, _ring.Length * 2)];
            CopyTo(grown);
            _ring = grown;
            _start = 0;
            _ring[_count++] = e;
            return;
        }
        // Full: overwrite the oldest.
        _ring[_start] = e;
        _start = (_start + 1) % _ring.Length;
    }

    /// <summary>Copies the events, oldest first, into <paramref name="destination"/> (which must hold <see cref="Count"/>).</summary>
    public int CopyTo(Span<RecentEvent> destination)
    {
        int firstPart = Math.Min(_count, _ring.Length - _start);
        _ring.AsSpan(_start, firstPart).CopyTo(destination);
        _ring.AsSpan(0, _count - firstPart).CopyTo(destination[firstPart..]);
        return _count;
    }

    /// <summary>Copies the newest <c>min(Count, destination.Length)</c> events, oldest of them first; returns how many.</summary>
    public int CopyNewest(Span<RecentEvent> destination)
    {
        int n = Math.Min(_count, destination.Length);
        for (int i = 0; i < n; i++) destination[i] = _ring[(_start + _count - n + i) % _ring.Length];
        return n;
    }

    /// <summary>Drops ring events before <paramref name="cutoffMinute"/> (unix minutes); returns how many were dropped.</summary>
    public int DropBefore(uint cutoffMinute)
    {
        var events = new RecentEvent[_count];
        CopyTo(events);
        int drop = 0;
        while (drop < events.Length && BaseMinute + events[drop].MinuteOffset < cutoffMinute) drop++; // oldest first
        if (drop == 0) return 0;
        _ring = new RecentEvent[Math.Max(4, _count - drop)];
        events.AsSpan(drop).CopyTo(_ring);
        _start = 0;
        _count -= drop;
        return drop;
    }

    internal void Restore(int[] typeCounts, ReadOnlySpan<RecentEvent> events, int capacity)
    {
        TypeCounts = typeCounts;
        int keep = Math.Min(events.Length, capacity);
        _ring = new RecentEvent[Math.Max(4, keep)];
        events[^keep..].CopyTo(_ring);
        _start = 0;
        _count = keep;
    }
}
