using LiveRank.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace LiveRank.Server.Hosting;

/// <summary>
/// Turns <see cref="StoreUnavailableException"/> (the shared store did not acknowledge a write) into 503 problem details
/// with <c>Retry-After</c>, so a client knows the write was not confirmed and retries it; nothing is dropped silently.
/// </summary>
public sealed class StoreUnavailableHandler(IProblemDetailsService problems, ILogger<StoreUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StoreUnavailableException unavailable) return false;
        logger.LogWarning("Shared store unavailable: {Reason}", unavailable.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Store unavailable",
                Detail = unavailable.Message,
                Type = "https://liverank.dev/problems/store-unavailable",
            },
        });
    }
}
