namespace LiveRank.Storage;

/// <summary>
/// A parsed store connection string. <c>embedded:///var/lib/liverank</c> (absolute), <c>embedded://./data</c>
/// (relative to the working directory), a bare path, or <c>redis://host:port</c>.
/// </summary>
public sealed record StoreConnection(StoreKind Kind, string Target)
{
    public static bool TryParse(string? text, out StoreConnection? connection, out string? error)
    {
        connection = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "The store connection string is empty.";
            return false;
        }
        text = text.Trim();
        if (text.StartsWith("embedded://", StringComparison.OrdinalIgnoreCase))
        {
            string path = text["embedded://".Length..];
            if (path.Length == 0)
            {
                error = $"'{text}' names no directory; use embedded:///absolute/dir or embedded://./relative.";
                return false;
            }
            connection = new StoreConnection(StoreKind.Embedded, Path.GetFullPath(path));
            return true;
        }
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            connection = new StoreConnection(StoreKind.Redis, text["redis://".Length..]);
            return true;
        }
        if (text.Contains("://", StringComparison.Ordinal))
        {
            error = $"Unknown store scheme in '{text}'; use embedded:// or redis://.";
            return false;
        }
        connection = new StoreConnection(StoreKind.Embedded, Path.GetFullPath(text));
        return true;
    }

    public static StoreConnection Parse(string text) =>
        TryParse(text, out var connection, out string? error) ? connection! : throw new FormatException(error);
}
