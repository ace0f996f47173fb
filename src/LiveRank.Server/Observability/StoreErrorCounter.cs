using Microsoft.AspNetCore.Diagnostics;

namespace LiveRank.Server.Observability;

/// <summary>
/// Counts unhandled exceptions that came out of the store (its namespace, or I/O) into <c>liverank.store.errors</c>,
/// then lets the default handler write the problem details. It logs nothing itself: the exception handler's own log
/// line carries no request data.
/// </summary>
public sealed class StoreErrorCounter(LiveRankMetrics metrics) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (IsStoreFailure(exception)) metrics.RecordStoreError(exception.GetType().Name);
        return ValueTask.FromResult(false); // not handled: the default problem-details answer follows
    }

    internal static bool IsStoreFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException) return true;
            // Async methods throw from their state machine, a nested type in the same namespace as the store.
            string? ns = e.TargetSite?.DeclaringType?.Namespace;
            if (ns is not null && (ns.StartsWith("LiveRank.Storage", StringComparison.Ordinal))) return true;
        }
        return false;
    }
}
