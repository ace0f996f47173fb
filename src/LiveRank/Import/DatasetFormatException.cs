namespace LiveRank.Import;

/// <summary>
/// A dataset file holds a line that cannot be imported. The message reads
/// <c>ratings.csv line 17: rating 'x' is not a number</c>, so a command line can print it as its one-line reason.
/// </summary>
public sealed class DatasetFormatException : FormatException
{
    public DatasetFormatException(string fileName, int lineNumber, string problem)
        : base($"{fileName} line {lineNumber}: {problem}")
    {
        FileName = fileName;
        LineNumber = lineNumber;
        Problem = problem;
    }

    public DatasetFormatException()
    {
        FileName = "";
        Problem = "";
    }

    public DatasetFormatException(string message)
        : base(message)
    {
        FileName = "";
        Problem = message;
    }

    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = "";
        Problem = message;
    }

    /// <summary>The file's name (without its folder).</summary>
    public string FileName { get; }

    /// <summary>1-based line number of the offending record.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, naming the field.</summary>
    public string Problem { get; }
}
