using Microsoft.AspNetCore.Routing.Patterns;

namespace LiveRank.Server.Security;

/// <summary>
/// The scope each endpoint needs, decided on the route the request matched (not on the raw path, so case, slashes
/// and encodings cannot dodge it). Endpoints outside <c>/v1</c> (health, readiness, metrics, the demo page, the API
/// docs and OpenAPI document) are open; a <c>/v1</c> endpoint missing from this table needs <c>admin</c> — a new
/// endpoint is closed until someone decides otherwise here.
/// </summary>
public static class EndpointScopes
{
    private static readonly Dictionary<string, ApiScope> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST /v1/rerank"] = ApiScope.Rank,
        ["POST /v1/recommend"] = ApiScope.Rank,
        ["POST /v1/embeddings"] = ApiScope.Rank,
        ["GET /v1/items/{id}"] = ApiScope.Rank,
        ["GET /v1/models"] = ApiScope.Rank,
        ["POST /v1/bench/echo"] = ApiScope.Rank,
        ["POST /v1/items"] = ApiScope.Ingest,
        ["DELETE /v1/items/{id}"] = ApiScope.Ingest,
        ["POST /v1/events"] = ApiScope.Ingest,
        ["GET /v1/users/{id}"] = ApiScope.Admin,
        ["GET /v1/users/{id}/export"] = ApiScope.Admin,
        ["DELETE /v1/users/{id}"] = ApiScope.Admin,
        ["POST /v1/models/reload"] = ApiScope.Admin,
    };

    /// <summary>The scope <paramref name="method"/> on the route <paramref name="pattern"/> needs; None = open.</summary>
    public static ApiScope Required(string method, RoutePattern? pattern)
    {
        string? raw = pattern?.RawText;
        if (raw is null) return ApiScope.None; // nothing matched: the answer is 404/405 without touching anything
        string route = "/" + raw.TrimStart('/');
        if (!route.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !route.Equals("/v1", StringComparison.OrdinalIgnoreCase))
            return ApiScope.None;
        return Table.TryGetValue(method + " " + route, out var scope) ? scope : ApiScope.Admin;
    }
}
