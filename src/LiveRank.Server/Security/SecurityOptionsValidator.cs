using Microsoft.Extensions.Options;

namespace LiveRank.Server.Security;

/// <summary>Checks <c>LiveRank:Security</c> at start: every key non-trivial, unique and scoped; limits and origins sane.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    /// <summary>Shorter keys are refused: a guessable key is no key.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.ApiKeys.Count; i++)
        {
            var k = options.ApiKeys[i];
            string at = $"{SecurityOptions.Section}:ApiKeys:{i}";
            if (k.Key is null || k.Key.Length < MinKeyLength || k.Key.Any(char.IsWhiteSpace))
                failures.Add($"{at}:Key must be at least {MinKeyLength} characters without spaces.");
            else if (!seen.Add(k.Key)) failures.Add($"{at}:Key appears twice.");
            if (k.Scopes.Count == 0) failures.Add($"{at}:Scopes must list at least one of rank, ingest, admin.");
            foreach (string s in k.Scopes)
                if (!ApiKeyRing.TryParseScope(s, out _)) failures.Add($"{at}:Scopes: unknown scope '{s}' (rank, ingest, admin).");
        }
        if (options.RateLimit.PermitsPerSecond < 0) failures.Add($"{SecurityOptions.Section}:RateLimit:PermitsPerSecond must be 0 (off) or more.");
        if (options.RateLimit.Burst < 0) failures.Add($"{SecurityOptions.Section}:RateLimit:Burst must be 0 (= PermitsPerSecond) or more.");
        foreach (string origin in options.Cors.AllowedOrigins)
        {
            if (origin == "*" || !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                failures.Add($"{SecurityOptions.Section}:Cors:AllowedOrigins: '{origin}' is not an http(s) origin (wildcards are not allowed).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
