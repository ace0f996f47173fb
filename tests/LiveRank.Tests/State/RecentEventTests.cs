using System.Runtime.InteropServices;
using LiveRank.State;

namespace LiveRank.Tests.State;

public class RecentEventTests
{
    [Fact]
    public void SizeOf_Layout_IsNineBytes() => Assert.Equal(9, Marshal.SizeOf<RecentEvent>());

    [Fact]
    public void Constructor_SmallValues_PacksItemTypeAndSessionBits()
    {
        var e = new RecentEvent(5, 3, 1_700_000_000, 10, startsSession: true);

        // 5 | 3 << 26 | 1 << 31
        Assert.Equal(0x8C00_0005u, e.Packed);
        Assert.Equal(5, e.ItemIndex);
        Assert.Equal(3, e.Type);
        Assert.True(e.StartsSession);
        Assert.Equal(1_700_000_000u, e.UnixSeconds);
        Assert.Equal(10, e.CompactValue);
        Assert.Equal(4.5f, e.Value);
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
    public void Constructor_MaxTypeAndSession_DoNotBleedIntoItemIndex()
    {
        var e = new RecentEvent(0, 31, uint.MaxValue, 0xFF, startsSession: true);

        Assert.Equal(0, e.ItemIndex);
        Assert.Equal(31, e.Type);
        Assert.True(e.StartsSession);
        Assert.Equal(uint.MaxValue, e.UnixSeconds);
        Assert.Equal(0xFF, e.CompactValue);
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
        Assert.Equal(99u, e.UnixSeconds);
        Assert.Equal(7, e.CompactValue);
    }
}
