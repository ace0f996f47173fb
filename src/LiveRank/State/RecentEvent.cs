using System.Runtime.InteropServices;

namespace LiveRank.State;

/// <summary>
/// One event in a user's ring buffer: 9 bytes. Bits 0–25 hold the item index (so at most 67,108,863 items),
/// bits 26–30 the event type id, bit 31 marks the first event of a session. Persisted inside snapshots.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public readonly struct RecentEvent
{
    public const int MaxItemIndex = (1 << 26) - 1;
    private const uint ItemMask = MaxItemIndex;
    private const uint SessionBit = 1u << 31;

    private readonly uint _packed;
    private readonly uint _time;
    private readonly byte _value;

    public RecentEvent(int itemIndex, byte type, uint unixSeconds, byte compactValue, bool startsSession)
    {
        _packed = (uint)itemIndex & ItemMask | (uint)(type & 0x1F) << 26 | (startsSession ? SessionBit : 0);
        _time = unixSeconds;
        _value = compactValue;
    }

    internal RecentEvent(uint packed, uint time, byte value)
    {
        _packed = packed;
        _time = time;
        _value = value;
    }

    public int ItemIndex => (int)(_packed & ItemMask);
    public byte Type => (byte)(_packed >> 26 & 0x1F);
    public bool StartsSession => (_packed & SessionBit) != 0;
    public uint UnixSeconds => _time;
    public byte CompactValue => _value;
    public float Value => State.CompactValue.Decode(_value);

    internal uint Packed => _packed;

    internal RecentEvent WithType(byte type) => new(ItemIndex, type, _time, _value, StartsSession);
}
