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
        ["GET /v1/demo/candidates"] = ApiScope.Rank, // the demo's upstream list: popular items, nothing personal
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
        if (pattern is null) return ApiScope.None; // nothing matched: the answer is 404/405 without touching anything
        string route = Canonical(pattern);
        if (!route.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) && !route.Equals("/v1", StringComparison.OrdinalIgnoreCase))
            return ApiScope.None;
        return Table.TryGetValue(method + " " + route, out var scope) ? scope : ApiScope.Admin;
    }

    /// <summary>The route as the table spells it: segments joined by one slash, parameters as {name} without constraints.</summary>
    public static string Canonical(RoutePattern pattern)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: text.Append(literal.Content); break;
                    case RoutePatternParameterPart parameter: text.Append('{').Append(parameter.Name).Append('}'); break;
                    case RoutePatternSeparatorPart separator: text.Append(separator.Content); break;
                }
            }
        }
        return text.Length == 0 ? "/" : text.ToString();
    }
}
