using System.IO.Compression;
using System.Text;

namespace LiveRank.Import;

/// <summary>
/// Opens a dataset file as text: gzip-compressed when its name ends in <c>.gz</c> or its first two bytes are the
/// gzip magic number, plain otherwise. Public datasets ship both ways (Amazon reviews as <c>.json.gz</c>).
/// </summary>
internal static class DatasetFile
{
    public static StreamReader OpenText(string path, Encoding? encoding = null)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Stream stream = file;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || StartsWithGzipMagic(file))
            stream = new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        return new StreamReader(stream, encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: encoding is null, bufferSize: 1 << 16);
    }

    /// <summary>Lines of a (possibly gzipped) text file with their 1-based numbers; blank lines are skipped.</summary>
    public static IEnumerable<(string Line, int Number)> Lines(string path, CancellationToken cancellationToken, Encoding? encoding = null)
    {
        using var reader = OpenText(path, encoding);
        int number = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            if ((number & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
            if (!string.IsNullOrWhiteSpace(line)) yield return (line, number);
        }
    }

    /// <summary>Line count for progress estimates; for a gzipped file, an estimate from its compressed size.</summary>
    public static long CountLines(string path)
    {
        if (!IsGzip(path)) return LineCounter.Count(path);
        // Decompressing twice only for a progress bar is not worth it: JSON lines compress about 4:1 at ~250 bytes a line.
        return Math.Max(1, new FileInfo(path).Length * 4 / 250);
    }

    public static bool IsGzip(string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return true;
        using var file = File.OpenRead(path);
        return StartsWithGzipMagic(file);
    }

    private static bool StartsWithGzipMagic(FileStream file)
    {
        if (file.Length < 2) return false;
        Span<byte> magic = stackalloc byte[2];
        file.ReadExactly(magic);
        file.Position = 0;
        return magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
