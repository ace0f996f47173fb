using LiveRank.Domain;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// LiveRank as P3 sees it: a service that takes items and events and ranks candidate lists. The HTTP implementation
/// talks to a running server; the in-process one drives the library directly (tests, and a run without a server).
/// </summary>
public interface IRankingService : IAsyncDisposable
{
    /// <summary>How the report names the service, e.g. <c>http</c> or <c>in-process</c>.</summary>
    string Kind { get; }

    /// <summary>Upserts a batch of catalog items.</summary>
    Task UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default);

    /// <summary>Appends a batch of events; when the call returns they are visible to the next ranking.</summary>
    Task AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits until the service has an item vector for each of <paramref name="items"/> catalog items and nothing left
    /// to encode, at most <paramref name="timeout"/>; reports progress lines. Returns false on timeout.
    /// </summary>
    Task<bool> WaitUntilReadyAsync(int items, TimeSpan timeout, Action<string>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>The candidate ids in the service's order, best first.</summary>
    Task<IReadOnlyList<string>> RankAsync(string userId, string? sessionId, IReadOnlyList<string> candidates, CancellationToken cancellationToken = default);

    /// <summary>True when the user's state already shows <paramref name="e"/> (read once, no retry).</summary>
    Task<bool> IsVisibleAsync(UserEvent e, CancellationToken cancellationToken = default);
}
