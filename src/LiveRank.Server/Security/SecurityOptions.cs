namespace LiveRank.Server.Security;

/// <summary>API keys, rate limits and CORS. Section <c>LiveRank:Security</c>; see docs/security.md.</summary>
public sealed class SecurityOptions
{
    public const string Section = "LiveRank:Security";

    /// <summary>Keys and their scopes. None = local development mode: every endpoint is open (logged loudly at start).</summary>
    public List<ApiKeySettings> ApiKeys { get; set; } = [];

    public RateLimitSettings RateLimit { get; set; } = new();

    public CorsSettings Cors { get; set; } = new();
}

/// <summary><c>{ "key": "…", "scopes": ["rank", "ingest", "admin"], "name?": "shop-frontend" }</c>.</summary>
public sealed class ApiKeySettings
{
    public string? Key { get; set; }

    public List<string> Scopes { get; set; } = [];

    /// <summary>A label for logs and rate-limit partitions (the key itself is never logged); default <c>key-N</c>.</summary>
    public string? Name { get; set; }
}

/// <summary>Per-key token bucket: <see cref="PermitsPerSecond"/> refill, <see cref="Burst"/> capacity; 0 permits = no limit.</summary>
public sealed class RateLimitSettings
{
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests a key may make at once after being idle; default (0) = <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }
}

/// <summary>Origins allowed to call the API from a browser. Empty (the default) = no CORS headers at all.</summary>
public sealed class CorsSettings
{
    public List<string> AllowedOrigins { get; set; } = [];
}
