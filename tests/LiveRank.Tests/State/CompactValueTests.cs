using LiveRank.State;

namespace LiveRank.Tests.State;

public class CompactValueTests
{
    [Fact]
    public void Encode_HalfStepsBelowFifty_DecodeExactly()
    {
        for (int k = 0; k < 100; k++)
        {
            double v = k * 0.5;
            Assert.Equal((float)v, CompactValue.Decode(CompactValue.Encode(v)));
        }
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.5, 2)]
    [InlineData(4.5, 10)]
    [InlineData(49.5, 100)]
    public void Encode_HalfStep_UsesLinearCode(double value, int code) =>
        Assert.Equal((byte)code, CompactValue.Encode(value));

    [Theory]
    [InlineData(-0.5, 0x82)]
    [InlineData(-2.5, 0x86)]
    [InlineData(-49.5, 0xE4)]
    public void Encode_NegativeRating_SetsSignBitAndDecodesExactly(double value, int code)
    {
        byte encoded = CompactValue.Encode(value);

        Assert.Equal((byte)code, encoded);
        Assert.Equal((float)value, CompactValue.Decode(encoded));
    }

    [Fact]
    public void Encode_Zero_IsAValueNotNoValue()
    {
        byte encoded = CompactValue.Encode(0.0);

        Assert.NotEqual(0, encoded);
        Assert.Equal(0f, CompactValue.Decode(encoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Encode_NoFiniteValue_ReturnsZeroCode(double? value) => Assert.Equal(0, CompactValue.Encode(value));

    [Fact]
    public void Decode_ZeroCode_IsNaN() => Assert.True(float.IsNaN(CompactValue.Decode(0)));

    [Theory]
    [InlineData(50.0)]
    [InlineData(57.0)]
    [InlineData(63.0)]
    [InlineData(100.0)]
    [InlineData(777.0)]
    [InlineData(3_600.0)]
    [InlineData(12_345.0)]
    [InlineData(100_000.0)]
    public void Encode_LargeValue_RoundTripsWithin17Percent(double value)
    {
        float decoded = CompactValue.Decode(CompactValue.Encode(value));
        Assert.InRange(Math.Abs(decoded - value) / value, 0, 0.17);

        float negative = CompactValue.Decode(CompactValue.Encode(-value));
        Assert.Equal(-decoded, negative);
    }

    [Fact]
    public void Encode_LogRange_EveryValueFrom50To1e5WithinBound()
    {
        // Geometric sweep: 1.01 steps hit every code of the logarithmic range several times.
        for (double v = 50; v <= 1e5; v *= 1.01)
        {
            float decoded = CompactValue.Decode(CompactValue.Encode(v));
            Assert.True(Math.Abs(decoded - v) / v <= 0.17, $"{v} decoded as {decoded}");
        }
    }

    [Fact]
    public void Encode_HugeValue_ClampsToLargestCode()
    {
        Assert.Equal(127, CompactValue.Encode(1e12));
        Assert.Equal(0xFF, CompactValue.Encode(-1e12));
        // 50 · 1.35^26 = 122,362.4 (hand-computed).
        Assert.Equal(122_362.4f, CompactValue.Decode(127), 0.5f);
        Assert.Equal(-122_362.4f, CompactValue.Decode(0xFF), 0.5f);
    }
}
