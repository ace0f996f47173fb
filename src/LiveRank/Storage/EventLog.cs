using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;

namespace LiveRank.Storage;

/// <summary>Called once per valid record with its payload (kind byte first).</summary>
internal delegate void LogRecordVisitor(ReadOnlySpan<byte> payload);

/// <summary>
/// The durable append-only log, in numbered segment files <c>log/00000001.lrlog</c>, … Format version 1:
/// an 8-byte segment header (magic "LRLG", version u16, reserved u16), then records framed as
/// [payload length i32][CRC-32 of payload u32][payload]. A record is valid only if complete and its CRC matches;
/// a torn record at the end of the newest segment (a crash mid-write) is cut off on open. Not thread-safe:
/// the store serialises access.
/// </summary>
internal sealed class EventLog : IDisposable
{
    public const int HeaderSize = 8;
    public const int FrameHeaderSize = 8;
    private const uint Magic = 0x474C524C; // "LRLG" little-endian
    private const ushort FormatVersion = 1;
    private const string Extension = ".lrlog";

    private readonly string _directory;
    private FileStream? _active;

    private EventLog(string directory)
    {
        _directory = directory;
    }

    public int ActiveSegment { get; private set; }

    public long ActiveLength => _active?.Length ?? 0;

    public string Directory => _directory;

    /// <summary>Opens the log for appending to its newest segment (creating segment 1 in an empty directory).</summary>
    public static EventLog Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var log = new EventLog(directory);
        var segments = ListSegments(directory);
        log.OpenForAppend(segments.Count == 0 ? 1 : segments[^1]);
        return log;
    }

    public static IReadOnlyList<int> ListSegments(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return [];
        var numbers = new List<int>();
        foreach (string file in System.IO.Directory.EnumerateFiles(directory, "*" + Extension))
        {
            if (int.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out int n)) numbers.Add(n);
        }
        numbers.Sort();
        return numbers;
    }

    public static string SegmentPath(string directory, int number) =>
        Path.Combine(directory, number.ToString("D8", CultureInfo.InvariantCulture) + Extension);

    public static long TotalBytes(string directory)
    {
        long total = 0;
        foreach (int n in ListSegments(directory)) total += new FileInfo(SegmentPath(directory, n)).Length;
        return total;
    }

    /// <summary>Appends already framed records and hands them to the OS; with <paramref name="fsync"/> also forces them to disk.</summary>
    public void Append(ReadOnlySpan<byte> framedRecords, bool fsync)
    {
        var active = _active ?? throw new ObjectDisposedException(nameof(EventLog));
        long before = active.Position;
        try
        {
            active.Write(framedRecords);
            active.Flush(flushToDisk: fsync);
        }
        catch (IOException)
        {
            // Disk full or an I/O error: cut off the partial write so later appends don't follow garbage.
            active.SetLength(before);
            active.Seek(before, SeekOrigin.Begin);
            throw;
        }
    }

    public void FlushToDisk() => _active?.Flush(flushToDisk: true);

    /// <summary>Closes the active segment and starts the next one; returns its number.</summary>
    public int Roll()
    {
        _active?.Flush(flushToDisk: true);
        _active?.Dispose();
        OpenForAppend(ActiveSegment + 1);
        return ActiveSegment;
    }

    /// <summary>
    /// Rewrites every segment keeping only the records <paramref name="keep"/> accepts; each segment is replaced
    /// atomically (write to a temporary file, fsync, rename). The active segment is reopened afterwards.
    /// </summary>
    public void Rewrite(Func<ReadOnlySpan<byte>, bool> keep)
    {
        _active?.Flush(flushToDisk: true);
        _active?.Dispose();
        _active = null;
        foreach (int number in ListSegments(_directory))
        {
            string path = SegmentPath(_directory, number), temp = path + ".tmp";
            bool changed = false;
            using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                WriteHeader(output);
                var frame = new byte[FrameHeaderSize];
                ReadSegment(path, payload =>
                {
                    if (!keep(payload))
                    {
                        changed = true;
                        return;
                    }
                    Frame(frame, payload);
                    output.Write(frame);
                    output.Write(payload);
                }, truncateTornTail: false);
                output.Flush(flushToDisk: true);
            }
            if (changed) File.Move(temp, path, overwrite: true);
            else File.Delete(temp);
        }
        OpenForAppend(ActiveSegment);
    }

    /// <summary>
    /// Visits every valid record of one segment. Returns the byte length of the valid prefix. With
    /// <paramref name="truncateTornTail"/>, an incomplete or corrupt tail is cut off (only right for the newest segment).
    /// </summary>
    public static long ReadSegment(string path, LogRecordVisitor visit, bool truncateTornTail, Action<long>? progress = null)
    {
        long valid;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20))
        {
            long length = stream.Length;
            Span<byte> header = stackalloc byte[HeaderSize];
            if (length < HeaderSize || stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
            {
                valid = 0;
            }
            else
            {
                CheckHeader(header, path);
                valid = HeaderSize;
                byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
                try
                {
                    Span<byte> frame = stackalloc byte[FrameHeaderSize];
                    long sinceProgress = 0;
                    while (valid + FrameHeaderSize <= length)
                    {
                        if (stream.ReadAtLeast(frame, FrameHeaderSize, throwOnEndOfStream: false) < FrameHeaderSize) break;
                        int size = BinaryPrimitives.ReadInt32LittleEndian(frame);
                        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]);
                        if (size <= 0 || valid + FrameHeaderSize + size > length) break;
                        if (buffer.Length < size)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            buffer = ArrayPool<byte>.Shared.Rent(size);
                        }
                        var payload = buffer.AsSpan(0, size);
                        if (stream.ReadAtLeast(payload, size, throwOnEndOfStream: false) < size) break;
                        if (Crc32.HashToUInt32(payload) != crc) break;
                        visit(payload);
                        valid += FrameHeaderSize + size;
                        sinceProgress += FrameHeaderSize + size;
                        if (progress is not null && sinceProgress > 1 << 22)
                        {
                            progress(sinceProgress);
                            sinceProgress = 0;
                        }
                    }
                    progress?.Invoke(sinceProgress);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
            if (valid == length) return valid;
            if (!truncateTornTail)
                throw new InvalidDataException($"Log segment {path} is corrupt at byte {valid} of {length}.");
        }
        // A crash mid-append left a partial record: nothing after it was ever acknowledged, so cut it off.
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            if (valid < HeaderSize)
            {
                stream.SetLength(0);
                WriteHeader(stream);
                valid = HeaderSize;
            }
            else
            {
                stream.SetLength(valid);
            }
            stream.Flush(flushToDisk: true);
        }
        return valid;
    }

    /// <summary>Writes the frame header (length and CRC) for <paramref name="payload"/>.</summary>
    public static void Frame(Span<byte> header, ReadOnlySpan<byte> payload)
    {
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
    }

    public void Dispose()
    {
        _active?.Flush(flushToDisk: true);
        _active?.Dispose();
        _active = null;
    }

    private void OpenForAppend(int number)
    {
        string path = SegmentPath(_directory, number);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        if (stream.Length == 0)
        {
            WriteHeader(stream);
            stream.Flush(flushToDisk: true);
        }
        stream.Seek(0, SeekOrigin.End);
        _active = stream;
        ActiveSegment = number;
    }

    private static void WriteHeader(Stream stream)
    {
        Span<byte> header = stackalloc byte[HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0);
        stream.Write(header);
    }

    private static void CheckHeader(ReadOnlySpan<byte> header, string path)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
            throw new InvalidDataException($"{path} is not a LiveRank log segment.");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != FormatVersion)
            throw new InvalidDataException($"{path} has log format version {version}; this build reads version {FormatVersion}.");
    }
}
