namespace LiveRank.Server.Hosting;

/// <summary>The outcome of one model reload.</summary>
/// <param name="Message">Why it was not found or refused (the loader's own message for a refused file), or what was loaded.</param>
/// <param name="Serving">What serves after the reload.</param>
/// <param name="Previous">What served before a successful reload; null otherwise.</param>
public sealed record ModelReloadResult(ModelReloadStatus Status, string Message, string? Path, ServingRanker Serving, ServingRanker? Previous = null);
