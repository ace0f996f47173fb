using System.Globalization;
using System.Text;

namespace LiveRank.Import;

/// <summary>
/// Reads files whose lines are fields joined by a fixed separator with no quoting: MovieLens 100K
/// (<c>u.data</c> tab-separated, <c>u.item</c> <c>|</c>-separated) and 1M (<c>::</c>-separated). Field ranges are
/// kept per line, so a record costs only its line string. Blank lines are skipped.
/// </summary>
internal sealed class SeparatedLineReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly string _separator;
    private readonly List<Range> _fields = new(24);
    private string _line = "";
    private int _linesRead;

    public SeparatedLineReader(string path, string separator, Encoding encoding)
    {
        FileName = Path.GetFileName(path);
        _separator = separator;
        _reader = DatasetFile.OpenText(path, encoding);
    }

    public string FileName { get; }

    /// <summary>1-based number of the current line.</summary>
    public int LineNumber { get; private set; }

    public int FieldCount => _fields.Count;

    public ReadOnlySpan<char> this[int field] => _line.AsSpan()[_fields[field]];

    /// <summary>Reads the next non-blank line; false at the end of the file.</summary>
    public bool Read()
    {
        string? line;
        do
        {
            line = _reader.ReadLine();
            if (line is null) return false;
            _linesRead++;
        }
        while (string.IsNullOrWhiteSpace(line));
        LineNumber = _linesRead;
        _line = line.TrimEnd('\r');
        _fields.Clear();
        int start = 0;
        while (true)
        {
            int next = _line.IndexOf(_separator, start, StringComparison.Ordinal);
            if (next < 0)
            {
                _fields.Add(new Range(start, _line.Length));
                return true;
            }
            _fields.Add(new Range(start, next));
            start = next + _separator.Length;
        }
    }

    public void ExpectFields(int count)
    {
        if (FieldCount != count) throw Error($"expected {count} '{Describe(_separator)}'-separated fields but found {FieldCount}");
    }

    public long ParseInt64(int field, string name) => FieldText.Int64(this[field], name, Error);

    public double ParseDouble(int field, string name) => FieldText.Double(this[field], name, Error);

    /// <summary>A non-empty identifier field, trimmed.</summary>
    public ReadOnlySpan<char> RequireId(int field, string name) => FieldText.Id(this[field], name, Error);

    public DatasetFormatException Error(string problem) => new(FileName, LineNumber, problem);

    public void Dispose() => _reader.Dispose();

    private static string Describe(string separator) => separator == "\t" ? "tab" : separator;
}
