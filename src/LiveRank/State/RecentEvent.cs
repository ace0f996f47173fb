using System.Runtime.InteropServices;

namespace LiveRank.State;

/// <summary>
/// One event in a user's ring buffer: 8 bytes, so that 200 events fit a 2 KB budget per user. Persisted inside
/// snapshots. First word: bits 0–25 the item index (at most 67,108,863 items), bits 26–30 the event type id,
/// bit 31 marks the first event of a session. Second word: bits 0–23 the minute of the event counted from the
/// user's base minute (<see cref="UserState.BaseMinute"/>: 31.9 years of range, clamped at both ends), bits 24–31
/// the <see cref="State.CompactValue"/>. Minute resolution is enough for what the ring serves (order, recency);
/// sessions are decided on arrival from exact seconds.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly struct RecentEvent
{
    public const int MaxItemIndex = (1 << 26) - 1;
    public const uint MaxMinuteOffset = (1u << 24) - 1;
    private const uint ItemMask = MaxItemIndex;
    private const uint SessionBit = 1u << 31;

    private readonly uint _packed;
    private readonly uint _timeAndValue;

    public RecentEvent(int itemIndex, byte type, uint minuteOffset, byte compactValue, bool startsSession)
    {
        _packed = (uint)itemIndex & ItemMask | (uint)(type & 0x1F) << 26 | (startsSession ? SessionBit : 0);
        _timeAndValue = Math.Min(minuteOffset, MaxMinuteOffset) | (uint)compactValue << 24;
    }

    public int ItemIndex => (int)(_packed & ItemMask);
    public byte Type => (byte)(_packed >> 26 & 0x1F);
    public bool StartsSession => (_packed & SessionBit) != 0;

    /// <summary>Minutes after the owning user's base minute.</summary>
    public uint MinuteOffset => _timeAndValue & MaxMinuteOffset;

    public byte CompactValue => (byte)(_timeAndValue >> 24);
    public float Value => State.CompactValue.Decode(CompactValue);

    internal uint Packed => _packed;

    /// <summary>Unix seconds of the event (to the minute), given the owning user's base minute.</summary>
    public long UnixSeconds(uint baseMinute) => ((long)baseMinute + MinuteOffset) * 60;

    internal RecentEvent WithType(byte type) => new(ItemIndex, type, MinuteOffset, CompactValue, StartsSession);
}
