namespace LiveRank.Cli.Output;

/// <summary>
/// Failures end a command with exactly one line on stderr (scripts grep for it) and a non-zero exit code.
/// Expected failures (bad input, missing files) print their message; anything else also names its type.
/// </summary>
internal static class ErrorLine
{
    public const int Failure = 1;
    public const int Cancelled = 130;

    public static int Write(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            Write("cancelled");
            return Cancelled;
        }
        string message = exception is FormatException or IOException or UnauthorizedAccessException or ArgumentException
            or InvalidOperationException or NotSupportedException
            ? exception.Message
            : $"{exception.GetType().Name}: {exception.Message}";
        Write(message);
        return Failure;
    }

    public static int Write(string message)
    {
        Console.Error.WriteLine("liverank: " + message.ReplaceLineEndings(" ").Trim());
        return Failure;
    }
}
