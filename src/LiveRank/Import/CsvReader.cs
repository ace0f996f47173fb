using System.Globalization;
using System.Text;

namespace LiveRank.Import;

/// <summary>
/// A forward-only RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. Fields are
/// unescaped into one reused buffer and read as spans, so a record costs no allocation beyond the line itself.
/// </summary>
internal sealed class CsvReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly List<(int Start, int Length)> _fields = new(8);
    private char[] _buffer = new char[256];
    private int _length;
    private int _linesRead;

    public CsvReader(string path)
    {
        FileName = Path.GetFileName(path);
        _reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan });
    }

    public string FileName { get; }

    /// <summary>1-based line on which the current record starts.</summary>
    public int LineNumber { get; private set; }

    public int FieldCount => _fields.Count;

    public ReadOnlySpan<char> this[int field]
    {
        get
        {
            var (start, length) = _fields[field];
            return new ReadOnlySpan<char>(_buffer, start, length);
        }
    }

    public string GetString(int field) => new(this[field]);

    /// <summary>Reads the next non-empty record; false at the end of the file.</summary>
    public bool Read()
    {
        string? line;
        do
        {
            line = _reader.ReadLine();
            if (line is null) return false;
            _linesRead++;
        }
        while (line.Length == 0);

        LineNumber = _linesRead;
        _fields.Clear();
        _length = 0;
        int i = 0;
        while (true)
        {
            int start = _length;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        // A quoted field may span lines: keep the break and continue on the next physical line.
                        line = _reader.ReadLine() ?? throw Error($"field {_fields.Count + 1} has an unterminated quote");
                        _linesRead++;
                        Append('\n');
                        i = 0;
                        continue;
                    }
                    char c = line[i++];
                    if (c != '"') Append(c);
                    else if (i < line.Length && line[i] == '"')
                    {
                        Append('"');
                        i++;
                    }
                    else break;
                }
                _fields.Add((start, _length - start));
                if (i >= line.Length) return true;
                if (line[i] != ',') throw Error($"field {_fields.Count} has text after its closing quote");
                i++;
            }
            else
            {
                int comma = line.IndexOf(',', i);
                int end = comma < 0 ? line.Length : comma;
                Append(line.AsSpan(i, end - i));
                _fields.Add((start, _length - start));
                if (comma < 0) return true;
                i = comma + 1;
            }
        }
    }

    /// <summary>Reads the header record and checks that it starts with the expected column names.</summary>
    public void ExpectHeader(params string[] columns)
    {
        if (!Read()) throw new DatasetFormatException(FileName, 1, "the file is empty; expected header '" + string.Join(',', columns) + "'");
        bool ok = FieldCount >= columns.Length;
        for (int i = 0; ok && i < columns.Length; i++)
            ok = this[i].Trim().Equals(columns[i], StringComparison.OrdinalIgnoreCase);
        if (!ok)
        {
            var found = new string[FieldCount];
            for (int i = 0; i < found.Length; i++) found[i] = GetString(i);
            throw Error($"expected header '{string.Join(',', columns)}' but found '{string.Join(',', found)}'");
        }
    }

    public void ExpectFields(int count)
    {
        if (FieldCount != count) throw Error($"expected {count} fields but found {FieldCount}");
    }

    public long ParseInt64(int field, string name) => FieldText.Int64(this[field], name, Error);

    public double ParseDouble(int field, string name) => FieldText.Double(this[field], name, Error);

    /// <summary>A non-empty identifier field, trimmed.</summary>
    public ReadOnlySpan<char> RequireId(int field, string name) => FieldText.Id(this[field], name, Error);

    public DatasetFormatException Error(string problem) => new(FileName, LineNumber, problem);

    public void Dispose() => _reader.Dispose();

    private void Append(char c)
    {
        if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        _buffer[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + text.Length));
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }
}
