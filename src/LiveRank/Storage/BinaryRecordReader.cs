using System.Buffers.Binary;
using System.Text;

namespace LiveRank.Storage;

/// <summary>Reads what <see cref="BinaryRecordWriter"/> wrote. Throws <see cref="InvalidDataException"/> on truncated input.</summary>
internal ref struct BinaryRecordReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BinaryRecordReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly bool AtEnd => _position >= _data.Length;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length) throw new InvalidDataException("Record ends early.");
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() != 0;

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public float ReadSingle() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public int ReadVarInt()
    {
        uint result = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return (int)result;
        }
        throw new InvalidDataException("Malformed variable-length integer.");
    }

    public string ReadString() => Encoding.UTF8.GetString(Take(ReadVarInt()));

    public string? ReadNullableString() => ReadBool() ? ReadString() : null;

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);
}
