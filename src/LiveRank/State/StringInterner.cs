using System.Collections.Concurrent;

namespace LiveRank.State;

/// <summary>Dense ids for strings (item ids, category names). Lock-free lookups; additions by the single writer.</summary>
internal sealed class StringInterner
{
    private readonly ConcurrentDictionary<string, int> _ids = new(StringComparer.Ordinal);
    private string[] _names = new string[1024];
    private int _count;

    public int Count => _count;

    public bool TryGet(string name, out int id) => _ids.TryGetValue(name, out id);

    public bool TryGet(ReadOnlySpan<char> name, out int id) =>
        _ids.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out id);

    public string NameOf(int id) => _names[id];

    /// <summary>Returns the id of <paramref name="name"/>, adding it if new. Writer only.</summary>
    public int GetOrAdd(string name)
    {
        if (_ids.TryGetValue(name, out int id)) return id;
        id = _count;
        if (id == _names.Length) Array.Resize(ref _names, _names.Length * 2);
        _names[id] = name;
        _count = id + 1;
        _ids[name] = id;
        return id;
    }
}
