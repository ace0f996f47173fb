using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace LiveRank.Server.Security;

/// <summary>
/// The configured keys, looked up by the SHA-256 of the key presented: the dictionary never compares secrets
/// character by character, so lookup time says nothing about how much of a guess was right.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly FrozenDictionary<string, ApiKeyEntry> _byHash;

    public ApiKeyRing(SecurityOptions options)
    {
        var entries = new Dictionary<string, ApiKeyEntry>(StringComparer.Ordinal);
        for (int i = 0; i < options.ApiKeys.Count; i++)
        {
            var k = options.ApiKeys[i];
            var scopes = ApiScope.None;
            foreach (string s in k.Scopes) scopes |= ParseScope(s);
            entries[Hash(k.Key!)] = new ApiKeyEntry(k.Name ?? $"key-{i + 1}", scopes);
        }
        _byHash = entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>No keys configured: local development mode, every endpoint open.</summary>
    public bool Open => _byHash.Count == 0;

    public bool TryFind(string presented, out ApiKeyEntry entry) => _byHash.TryGetValue(Hash(presented), out entry!);

    public static bool TryParseScope(string? text, out ApiScope scope)
    {
        scope = text switch { "rank" => ApiScope.Rank, "ingest" => ApiScope.Ingest, "admin" => ApiScope.Admin, _ => ApiScope.None };
        return scope != ApiScope.None;
    }

    private static ApiScope ParseScope(string text) => TryParseScope(text, out var scope) ? scope : ApiScope.None;

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>A configured key: its label and scopes.</summary>
public sealed record ApiKeyEntry(string Name, ApiScope Scopes);
