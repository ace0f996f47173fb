using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace LiveRank.Semantics;

/// <summary>
/// Persistent vectors keyed by (model id, text hash), so a restart or a re-import re-encodes nothing. One file per
/// model, <c>DIR/&lt;model id&gt;.lrvec</c>:
/// <code>
/// header   magic "LRVC" u32 · version u16 · dimension i32 · model id (u16 length + UTF-8)
/// record   text hash u64 · dimension × float32 · CRC-32 of hash and vector u32      (appended, never rewritten)
/// </code>
/// The text hash is XxHash64 of the text's UTF-16 code units (<see cref="HashText"/>); this is a persisted format,
/// keep it stable. Only the record offsets stay in memory; vectors are read from the file on a hit. A torn or
/// corrupt tail (a crash mid-append) is cut off when the file is opened. Thread-safe.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    private const uint Magic = 0x4356524C; // "LRVC"
    private const ushort FormatVersion = 1;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, long> _offsets = new();
    private readonly FileStream? _file;
    private readonly SafeFileHandle? _handle;
    private readonly int _recordBytes;
    private long _length;
    private bool _disposed;

    private EmbeddingCache(string modelId, int dimension, FileStream? file, string? path)
    {
        ModelId = modelId;
        Dimension = dimension;
        Path = path;
        _file = file;
        _handle = file?.SafeFileHandle;
        _recordBytes = sizeof(ulong) + dimension * sizeof(float) + sizeof(uint);
    }

    public string ModelId { get; }

    public int Dimension { get; }

    /// <summary>The cache file; null for an in-memory cache.</summary>
    public string? Path { get; }

    /// <summary>Records dropped from a torn or corrupt tail when the file was opened.</summary>
    public int RepairedRecords { get; private set; }

    public int Count
    {
        get { lock (_lock) return _offsets.Count; }
    }

    /// <summary>A cache that keeps nothing (for tests and for stores without a directory).</summary>
    public static EmbeddingCache None(string modelId, int dimension) => new(modelId, dimension, null, null);

    /// <summary>Opens (or creates) the cache file of <paramref name="modelId"/> in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The file belongs to another model or dimension.</exception>
    public static EmbeddingCache Open(string directory, string modelId, int dimension)
    {
        Directory.CreateDirectory(directory);
        string path = System.IO.Path.Combine(directory, FileNameFor(modelId));
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0); // unbuffered: a positional read sees every append at once
        try
        {
            var cache = new EmbeddingCache(modelId, dimension, file, path);
            cache.Load();
            return cache;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Cache key of a text: XxHash64 of its UTF-16 code units. Never 0 (0 means "no text" in the vector table).</summary>
    public static ulong HashText(string text)
    {
        ulong hash = XxHash64.HashToUInt64(MemoryMarshal.AsBytes(text.AsSpan()));
        return hash == 0 ? 1 : hash;
    }

    public bool Contains(ulong textHash)
    {
        lock (_lock) return _offsets.ContainsKey(textHash);
    }

    /// <summary>Reads the vector stored for <paramref name="textHash"/>; false on a miss.</summary>
    public bool TryGet(ulong textHash, Span<float> destination)
    {
        long offset;
        lock (_lock)
        {
            if (_disposed || !_offsets.TryGetValue(textHash, out offset)) return false;
        }
        var bytes = MemoryMarshal.AsBytes(destination[..Dimension]);
        // Positional reads are thread-safe on a shared handle.
        return RandomAccess.Read(_handle!, bytes, offset + sizeof(ulong)) == bytes.Length;
    }

    /// <summary>Appends a vector (no-op when the hash is already stored). Call <see cref="Flush"/> after a batch.</summary>
    public void Add(ulong textHash, ReadOnlySpan<float> vector)
    {
        if (vector.Length != Dimension) throw new ArgumentException($"Expected {Dimension} dimensions, got {vector.Length}.", nameof(vector));
        if (_file is null) return;
        Span<byte> record = _recordBytes <= 4096 ? stackalloc byte[_recordBytes] : new byte[_recordBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(record, textHash);
        MemoryMarshal.AsBytes(vector).CopyTo(record[sizeof(ulong)..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[^sizeof(uint)..], Crc32.HashToUInt32(record[..^sizeof(uint)]));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_offsets.ContainsKey(textHash)) return;
            _file.Position = _length;
            _file.Write(record);
            _offsets[textHash] = _length;
            _length += _recordBytes;
        }
    }

    /// <summary>Pushes appended records to the operating system (not fsynced: a lost tail is only re-encoded).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            if (!_disposed) _file?.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _file?.Dispose();
        }
    }

    private static string FileNameFor(string modelId)
    {
        var name = new StringBuilder(modelId.Length + 6);
        foreach (char c in modelId) name.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return name.Append(".lrvec").ToString();
    }

    private void Load()
    {
        var file = _file!;
        byte[] expected = Header();
        if (file.Length == 0)
        {
            file.Write(expected);
            file.Flush(flushToDisk: true);
            _length = expected.Length;
            return;
        }
        var header = new byte[expected.Length];
        file.Position = 0;
        if (file.Read(header) != header.Length || !header.AsSpan().SequenceEqual(expected))
            throw new InvalidDataException($"{Path} is not a vector cache of model '{ModelId}' with {Dimension} dimensions.");

        long position = expected.Length;
        var record = new byte[_recordBytes];
        while (position + _recordBytes <= file.Length)
        {
            file.Position = position;
            file.ReadExactly(record);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(record.AsSpan(_recordBytes - sizeof(uint)));
            if (Crc32.HashToUInt32(record.AsSpan(0, _recordBytes - sizeof(uint))) != crc) break;
            _offsets[BinaryPrimitives.ReadUInt64LittleEndian(record)] = position;
            position += _recordBytes;
        }
        if (position < file.Length)
        {
            RepairedRecords = (int)Math.Ceiling((file.Length - position) / (double)_recordBytes);
            file.SetLength(position);
        }
        _length = position;
    }

    private byte[] Header()
    {
        byte[] id = Encoding.UTF8.GetBytes(ModelId);
        var header = new byte[4 + 2 + 4 + 2 + id.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(6), Dimension);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), (ushort)id.Length);
        id.CopyTo(header, 12);
        return header;
    }
}
