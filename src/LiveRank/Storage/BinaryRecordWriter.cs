using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace LiveRank.Storage;

/// <summary>Little-endian primitives and length-prefixed UTF-8 strings into a growable buffer. Used by the log and snapshots.</summary>
internal sealed class BinaryRecordWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public BinaryRecordWriter(int initialCapacity = 4096) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset() => _buffer.ResetWrittenCount();

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteVarInt(int value)
    {
        uint v = (uint)value;
        var span = _buffer.GetSpan(5);
        int i = 0;
        while (v >= 0x80)
        {
            span[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[i++] = (byte)v;
        _buffer.Advance(i);
    }

    public void WriteString(string value)
    {
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        WriteVarInt(Encoding.UTF8.GetByteCount(value));
        int n = Encoding.UTF8.GetBytes(value, _buffer.GetSpan(max));
        _buffer.Advance(n);
    }

    /// <summary>A string that may be null: a presence byte, then the string.</summary>
    public void WriteNullableString(string? value)
    {
        WriteBool(value is not null);
        if (value is not null) WriteString(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }

    /// <summary>Reserves <paramref name="count"/> bytes and returns their offset, for a header written later.</summary>
    public int Reserve(int count)
    {
        int at = _buffer.WrittenCount;
        _buffer.GetSpan(count)[..count].Clear();
        _buffer.Advance(count);
        return at;
    }

    public Span<byte> Patch(int offset, int count) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(_buffer.WrittenMemory).Span.Slice(offset, count);
}
