namespace LiveRank.Server.Validation;

/// <summary>Field path → messages, as RFC 7807 validation problems carry them. Keeps the first 100 so a huge bad batch gives a bounded answer.</summary>
public sealed class ValidationErrors
{
    private const int MaxReported = 100;
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => Count > 0;

    public int Count { get; private set; }

    public void Add(string field, string message)
    {
        Count++;
        if (_errors.Count >= MaxReported && !_errors.ContainsKey(field)) return;
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
