namespace LiveRank.Import;

/// <summary>
/// Hands out one string instance per distinct id read from a span, so a user with a thousand ratings costs one
/// id string, not a thousand.
/// </summary>
internal sealed class IdPool
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> id)
    {
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(id, out string? value))
        {
            value = id.ToString();
            _ids.Add(value, value);
        }
        return value;
    }
}
