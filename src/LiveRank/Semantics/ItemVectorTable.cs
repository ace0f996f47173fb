using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveRank.Semantics;

/// <summary>
/// Unit-length LM vectors of catalog items, by item index, at a chosen <see cref="VectorPrecision"/>. Each row also
/// remembers the hash of the text it was encoded from, so a changed item is re-encoded and an unchanged one is not.
/// Writers (the state writer and the background indexer) take a lock; readers never do: a row is written completely
/// before its reference is published, and a grown row array replaces the old one in one reference write.
/// </summary>
public sealed class ItemVectorTable
{
    private readonly Lock _writeLock = new();
    private byte[]?[] _rows = new byte[1024][];
    private ulong[] _textHashes = new ulong[1024];
    private int _count;

    public ItemVectorTable(int dimension, VectorPrecision precision)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
        Precision = precision;
        RowBytes = precision switch
        {
            VectorPrecision.Float32 => dimension * sizeof(float),
            VectorPrecision.Float16 => dimension * 2,
            VectorPrecision.Int8 => dimension + sizeof(float),
            _ => throw new ArgumentOutOfRangeException(nameof(precision)),
        };
    }

    public int Dimension { get; }

    public VectorPrecision Precision { get; }

    /// <summary>Bytes of one stored vector (excluding the array header).</summary>
    public int RowBytes { get; }

    /// <summary>Items that have a vector.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Approximate memory held by vectors: rows, their array headers and the index arrays.</summary>
    public long MemoryBytes => (long)Count * (RowBytes + 24) + (long)Volatile.Read(ref _rows).Length * (IntPtr.Size + sizeof(ulong));

    public bool Has(int item)
    {
        var rows = Volatile.Read(ref _rows);
        return (uint)item < (uint)rows.Length && rows[item] is not null;
    }

    /// <summary>True when the item's vector was encoded from text with this hash.</summary>
    public bool IsCurrent(int item, ulong textHash)
    {
        var rows = Volatile.Read(ref _rows);
        var hashes = Volatile.Read(ref _textHashes);
        return (uint)item < (uint)rows.Length && (uint)item < (uint)hashes.Length && rows[item] is not null && hashes[item] == textHash;
    }

    /// <summary>Stores <paramref name="unitVector"/> (float32, length <see cref="Dimension"/>) for an item.</summary>
    public void Set(int item, ReadOnlySpan<float> unitVector, ulong textHash)
    {
        if (unitVector.Length != Dimension)
            throw new ArgumentException($"Expected {Dimension} dimensions, got {unitVector.Length}.", nameof(unitVector));
        var row = new byte[RowBytes];
        Encode(unitVector, row);
        lock (_writeLock)
        {
            if (item >= _rows.Length) Grow(item + 1);
            if (_rows[item] is null) Volatile.Write(ref _count, _count + 1);
            _textHashes[item] = textHash;
            Volatile.Write(ref _rows[item], row);
        }
    }

    public void Clear(int item)
    {
        lock (_writeLock)
        {
            if ((uint)item >= (uint)_rows.Length || _rows[item] is null) return;
            Volatile.Write(ref _rows[item], null);
            _textHashes[item] = 0;
            Volatile.Write(ref _count, _count - 1);
        }
    }

    public void ClearAll()
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _rows, new byte[]?[1024]);
            Volatile.Write(ref _textHashes, new ulong[1024]);
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>Writes the item's vector (float32) into <paramref name="destination"/>; false when it has none.</summary>
    public bool TryCopy(int item, Span<float> destination)
    {
        var rows = Volatile.Read(ref _rows);
        if ((uint)item >= (uint)rows.Length || rows[item] is not { } row) return false;
        Decode(row, destination[..Dimension]);
        return true;
    }

    /// <summary>
    /// The item's float32 row without a copy; empty when the item has no vector. Only at <see cref="VectorPrecision.Float32"/>
    /// (other precisions decode through <see cref="TryCopy"/>).
    /// </summary>
    public ReadOnlySpan<float> Float32Row(int item)
    {
        var rows = Volatile.Read(ref _rows);
        return (uint)item < (uint)rows.Length && rows[item] is { } row ? MemoryMarshal.Cast<byte, float>(row.AsSpan()) : default;
    }

    /// <summary>
    /// Dot product of the item's vector with <paramref name="query"/> (cosine when the query is unit length);
    /// 0 for an item without a vector. Lock-free and allocation-free: the rerank path calls it per candidate.
    /// </summary>
    public float Dot(int item, ReadOnlySpan<float> query)
    {
        var rows = Volatile.Read(ref _rows);
        if ((uint)item >= (uint)rows.Length || rows[item] is not { } row) return 0;
        switch (Precision)
        {
            case VectorPrecision.Float32:
                return TensorPrimitives.Dot(MemoryMarshal.Cast<byte, float>(row), query);
            case VectorPrecision.Float16:
            {
                Span<float> scratch = stackalloc float[Dimension];
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(row), scratch);
                return TensorPrimitives.Dot(scratch, query);
            }
            default:
            {
                var q = MemoryMarshal.Cast<byte, sbyte>(row.AsSpan(0, Dimension));
                float sum = 0;
                for (int i = 0; i < q.Length; i++) sum += q[i] * query[i];
                return sum * MemoryMarshal.Read<float>(row.AsSpan(Dimension));
            }
        }
    }

    private void Encode(ReadOnlySpan<float> source, Span<byte> row)
    {
        switch (Precision)
        {
            case VectorPrecision.Float32:
                source.CopyTo(MemoryMarshal.Cast<byte, float>(row));
                break;
            case VectorPrecision.Float16:
                TensorPrimitives.ConvertToHalf(source, MemoryMarshal.Cast<byte, Half>(row));
                break;
            default:
                // Symmetric per-vector scale: the largest magnitude maps to ±127.
                float max = MathF.Abs(TensorPrimitives.MaxMagnitude(source)); // MaxMagnitude keeps the sign
                float scale = max > 0 ? max / 127f : 1f;
                var q = MemoryMarshal.Cast<byte, sbyte>(row[..Dimension]);
                for (int i = 0; i < source.Length; i++) q[i] = (sbyte)Math.Clamp(MathF.Round(source[i] / scale), -127, 127);
                MemoryMarshal.Write(row[Dimension..], in scale);
                break;
        }
    }

    private void Decode(ReadOnlySpan<byte> row, Span<float> destination)
    {
        switch (Precision)
        {
            case VectorPrecision.Float32:
                MemoryMarshal.Cast<byte, float>(row).CopyTo(destination);
                break;
            case VectorPrecision.Float16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(row), destination);
                break;
            default:
                DecodeInt8(MemoryMarshal.Cast<byte, sbyte>(row[..Dimension]), MemoryMarshal.Read<float>(row[Dimension..]), destination);
                break;
        }
    }

    /// <summary>destination[i] = q[i] · scale, 16 at a time (sbyte → short → int → float widening).</summary>
    internal static void DecodeInt8(ReadOnlySpan<sbyte> q, float scale, Span<float> destination)
    {
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            var s = Vector128.Create(scale);
            for (; i + 16 <= q.Length; i += 16)
            {
                var bytes = Vector128.Create(q.Slice(i, 16));
                var (lo, hi) = Vector128.Widen(bytes);
                var (a, b) = Vector128.Widen(lo);
                var (c, d) = Vector128.Widen(hi);
                (Vector128.ConvertToSingle(a) * s).CopyTo(destination.Slice(i, 4));
                (Vector128.ConvertToSingle(b) * s).CopyTo(destination.Slice(i + 4, 4));
                (Vector128.ConvertToSingle(c) * s).CopyTo(destination.Slice(i + 8, 4));
                (Vector128.ConvertToSingle(d) * s).CopyTo(destination.Slice(i + 12, 4));
            }
        }
        for (; i < q.Length; i++) destination[i] = q[i] * scale;
    }

    private void Grow(int needed)
    {
        int size = Math.Max(needed, _rows.Length * 2);
        var hashes = new ulong[size];
        _textHashes.AsSpan().CopyTo(hashes);
        var rows = new byte[]?[size];
        _rows.AsSpan().CopyTo(rows);
        // Hashes first: a reader that sees the new rows also sees hashes at least as long.
        Volatile.Write(ref _textHashes, hashes);
        Volatile.Write(ref _rows, rows);
    }
}
