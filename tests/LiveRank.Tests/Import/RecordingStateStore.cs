using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Storage;

namespace LiveRank.Tests.Import;

/// <summary>An in-memory store that records its calls; idempotency comes from <see cref="LiveState"/> itself.</summary>
internal sealed class RecordingStateStore : IStateStore
{
    public LiveState State { get; } = new(new StateOptions(), EventTypeRegistry.Default);

    public List<int> ItemBatchSizes { get; } = [];

    public List<int> EventBatchSizes { get; } = [];

    public List<Item> Items { get; } = [];

    public StoreStatistics Statistics => new("recording", State.ItemCount, State.UserCount, 0, 0, null);

    public ValueTask UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        ItemBatchSizes.Add(items.Count);
        foreach (var item in items)
        {
            State.UpsertItem(item);
            Items.Add(item);
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<AppendResult> AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        EventBatchSizes.Add(events.Count);
        int accepted = 0;
        foreach (var e in events)
            if (State.Apply(e)) accepted++;
        return ValueTask.FromResult(new AppendResult(accepted, events.Count - accepted));
    }

    public ValueTask<bool> DeleteItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(State.DeleteItem(itemId));

    public ValueTask<bool> ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(State.ForgetUser(userId));

    public ValueTask SnapshotAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
