using System.Runtime.InteropServices;
using LiveRank.State;

namespace LiveRank.Tests.State;

public class RecentEventTests
{
    [Fact]
    public void SizeOf_Layout_IsEightBytes() => Assert.Equal(8, Marshal.SizeOf<RecentEvent>());

    [Fact]
    public void Constructor_SmallValues_PacksItemTypeAndSessionBits()
    {
        var e = new RecentEvent(5, 3, 1_440, 10, startsSession: true);

        // 5 | 3 << 26 | 1 << 31
        Assert.Equal(0x8C00_0005u, e.Packed);
        Assert.Equal(5, e.ItemIndex);
        Assert.Equal(3, e.Type);
        Assert.True(e.StartsSession);
        Assert.Equal(1_440u, e.MinuteOffset);
        Assert.Equal(10, e.CompactValue);
        Assert.Equal(4.5f, e.Value);
    }

    [Fact]
    public void UnixSeconds_BaseMinutePlusOffset_IsMinuteResolution()
    {
        var e = new RecentEvent(1, 0, 90, 0, startsSession: false);

        Assert.Equal((28_000_000L + 90) * 60, e.UnixSeconds(28_000_000));
    }

    [Fact]
    public void Constructor_MaxItemIndex_RoundTripsWithoutTouchingTypeOrSession()
    {
        Assert.Equal(67_108_863, RecentEvent.MaxItemIndex);

        var e = new RecentEvent(RecentEvent.MaxItemIndex, 0, 0, 0, startsSession: false);

        Assert.Equal(RecentEvent.MaxItemIndex, e.ItemIndex);
        Assert.Equal(0, e.Type);
        Assert.False(e.StartsSession);
        Assert.Equal(0x03FF_FFFFu, e.Packed);
    }

    [Fact]
    public void Constructor_MaxTypeSessionAndValue_DoNotBleedIntoOtherFields()
    {
        var e = new RecentEvent(0, 31, RecentEvent.MaxMinuteOffset, 0xFF, startsSession: true);

        Assert.Equal(0, e.ItemIndex);
        Assert.Equal(31, e.Type);
        Assert.True(e.StartsSession);
        Assert.Equal(RecentEvent.MaxMinuteOffset, e.MinuteOffset);
        Assert.Equal(0xFF, e.CompactValue);
    }

    [Fact]
    public void Constructor_OffsetBeyondRange_ClampsWithoutTouchingValue()
    {
        var e = new RecentEvent(7, 1, uint.MaxValue, 3, startsSession: false);

        Assert.Equal(RecentEvent.MaxMinuteOffset, e.MinuteOffset);
        Assert.Equal(3, e.CompactValue);
    }

    [Fact]
    public void Constructor_AllFieldsAtMaximum_EachReadsBack()
    {
        var e = new RecentEvent(RecentEvent.MaxItemIndex, 31, 123, 0, startsSession: true);

        Assert.Equal(uint.MaxValue, e.Packed);
        Assert.Equal(RecentEvent.MaxItemIndex, e.ItemIndex);
        Assert.Equal(31, e.Type);
        Assert.True(float.IsNaN(e.Value));
    }

    [Fact]
    public void WithType_OtherType_KeepsEveryOtherField()
    {
        var e = new RecentEvent(1234, 2, 99, 7, startsSession: true).WithType(9);

        Assert.Equal(1234, e.ItemIndex);
        Assert.Equal(9, e.Type);
        Assert.True(e.StartsSession);
        Assert.Equal(99u, e.MinuteOffset);
        Assert.Equal(7, e.CompactValue);
    }
}
