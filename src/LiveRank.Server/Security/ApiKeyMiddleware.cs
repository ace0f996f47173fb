using Microsoft.AspNetCore.Routing.Patterns;

namespace LiveRank.Server.Security;

/// <summary>
/// Lets a request reach its endpoint only with an <c>X-Api-Key</c> holding the scope the endpoint needs
/// (<see cref="EndpointScopes"/>): 401 without a key or with an unknown one, 403 with a key lacking the scope, both
/// as problem details, before the body is read. With no keys configured every request passes (local development).
/// Runs after routing, so it judges the endpoint the request would reach.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeyRing keys)
{
    public const string Header = "X-Api-Key";

    /// <summary><see cref="HttpContext.Items"/> key of the caller's label (the key's name), for rate-limit partitions.</summary>
    public const string CallerItem = "LiveRank.Caller";

    public Task InvokeAsync(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var required = EndpointScopes.Required(context.Request.Method, pattern);
        // No route matched (404), or routing picked a 405/415 answer: under /v1 a caller must still hold some valid key,
        // so the API cannot be probed anonymously.
        if (pattern is null && context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase))
            required = ApiScope.Rank | ApiScope.Ingest | ApiScope.Admin;
        if (required == ApiScope.None) return next(context);
        if (keys.Open)
        {
            context.Items[CallerItem] = "ip:" + context.Connection.RemoteIpAddress;
            return next(context);
        }

        var presented = context.Request.Headers[Header];
        if (presented.Count != 1 || string.IsNullOrEmpty(presented[0]))
            return Deny(context, StatusCodes.Status401Unauthorized, "API key required", $"Send a key in the {Header} header.");
        if (!keys.TryFind(presented[0]!, out var key))
            return Deny(context, StatusCodes.Status401Unauthorized, "API key required", $"The {Header} key is not valid.");
        if ((key.Scopes & required) == 0)
        {
            string scope = required.ToString().ToLowerInvariant();
            return Deny(context, StatusCodes.Status403Forbidden, "Scope missing", $"This key lacks the '{scope}' scope that {context.Request.Method} {EndpointScopes.Canonical(pattern!)} needs.");
        }
        context.Items[CallerItem] = key.Name;
        return next(context);
    }

    private static Task Deny(HttpContext context, int status, string title, string detail)
    {
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + Header + "\"";
        return TypedResults.Problem(detail, statusCode: status, title: title,
            type: status == 401 ? "https://liverank.dev/problems/unauthorized" : "https://liverank.dev/problems/forbidden").ExecuteAsync(context);
    }
}
