using System.Diagnostics;

namespace LiveRank.Server.Observability;

/// <summary>
/// Times <c>POST /v1/rerank</c> and <c>POST /v1/recommend</c> into <c>liverank.rank.duration</c>. A middleware rather than
/// code in the endpoints, so the rank handlers stay as they are; every other request passes through untouched.
/// </summary>
public sealed class RankTimingMiddleware(RequestDelegate next, LiveRankMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string? endpoint = RankEndpointOf(context.Request);
        if (endpoint is null)
        {
            await next(context);
            return;
        }
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch
        {
            // The exception handler (earlier in the pipeline) turns this into a 500 after we return.
            metrics.RecordRank(endpoint, "failed", Stopwatch.GetElapsedTime(started));
            throw;
        }
        metrics.RecordRank(endpoint, OutcomeOf(context.Response.StatusCode), Stopwatch.GetElapsedTime(started));
    }

    private static string? RankEndpointOf(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method)) return null;
        var path = request.Path;
        if (path.Equals("/v1/rerank", StringComparison.OrdinalIgnoreCase)) return "rerank";
        if (path.Equals("/v1/recommend", StringComparison.OrdinalIgnoreCase)) return "recommend";
        return null;
    }

    // Three bounded values: ranked, refused (the client's request was wrong or not allowed), failed (the server's fault).
    private static string OutcomeOf(int status) => status switch
    {
        < 400 => "ok",
        < 500 => "refused",
        _ => "failed",
    };
}
