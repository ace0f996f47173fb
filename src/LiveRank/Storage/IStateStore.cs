using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Storage;

/// <summary>
/// Where LiveRank keeps the catalog, the events and real-time state. Chosen by connection string
/// (<see cref="StateStoreFactory"/>). Every write is durable when its task completes: an acknowledged
/// write survives a crash of the process. All implementations pass the same contract tests.
/// </summary>
public interface IStateStore : IAsyncDisposable
{
    /// <summary>Real-time state that rankings read. Changes synchronously with every accepted write.</summary>
    LiveState State { get; }

    /// <summary>Inserts or replaces items (validated by the caller).</summary>
    ValueTask UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default);

    /// <summary>Removes an item from the catalog; false when it was not there.</summary>
    ValueTask<bool> DeleteItemAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Appends events (validated by the caller). Events whose id was seen before are skipped.</summary>
    ValueTask<AppendResult> AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets a user: real-time state and every stored event of the user are gone from memory and disk
    /// when the task completes. False when the store knew nothing of the user.
    /// </summary>
    ValueTask<bool> ForgetUserAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every event the store keeps of a user, oldest first, for a data export (<c>GET /v1/users/{id}/export</c>).
    /// The default reads what real-time state holds (the user's recent-event ring, times to the minute); a store that
    /// keeps a full history (the embedded store's log) returns all of it.
    /// </summary>
    ValueTask<IReadOnlyList<UserEvent>> ExportUserEventsAsync(string userId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(State.RecentEventsOf(userId));

    /// <summary>Writes a snapshot so that the next start replays less.</summary>
    ValueTask SnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings <see cref="State"/> up to the newest write acknowledged by any process sharing the store, so that a ranking
    /// on this replica sees an event another replica accepted. False when the shared store cannot be reached in time:
    /// <see cref="State"/> then answers from what this process already holds (a degraded answer). A store owned by one
    /// process is always current.
    /// </summary>
    ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

    /// <summary>Size and health figures for operators.</summary>
    StoreStatistics Statistics { get; }
}

/// <summary>What an append did: how many events were new and how many were duplicates of earlier ids.</summary>
public readonly record struct AppendResult(int Accepted, int Duplicates);

/// <summary>Store figures for health and metrics endpoints.</summary>
public sealed record StoreStatistics(string Kind, int Items, int Users, long EventsLogged, long LogBytes, DateTimeOffset? LastSnapshot);
