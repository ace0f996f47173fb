using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Storage;
using static LiveRank.Testing.StateMother;
using static LiveRank.Tests.Storage.StoreSamples;

namespace LiveRank.Tests.Storage;

/// <summary>
/// What every <see cref="IStateStore"/> promises, run against each backend by a subclass that says how to open (and
/// reopen) a store on its backing storage. A reopened store is a new process's view: it sees only what was made durable.
/// </summary>
public abstract class StateStoreContractTests : IAsyncDisposable
{
    protected readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>Opens a store on this test's backing storage (the same storage each call).</summary>
    protected abstract Task<IStateStore> OpenAsync(StoreOptions options);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static StoreOptions Options() => new();

    /// <summary>The sample events with client, generated and request ids mixed.</summary>
    protected static List<UserEvent> Events(int count, string prefix = "e", int users = 4, int items = 8) =>
        StoreSamples.Events(count, prefix, users, items, mixedIds: true);

    private async Task<LiveState> WriteAsync(IStateStore store, StoreOptions options, IReadOnlyList<UserEvent> events, LiveState? reference = null)
    {
        if (reference is null)
        {
            reference = Reference(options);
            Item[] items = [.. Enumerable.Range(0, 6).Select(i => FullItem("item" + i))];
            await store.UpsertItemsAsync(items, Ct);
            foreach (var item in items) reference.UpsertItem(item);
        }
        for (int i = 0; i < events.Count; i += 7)
        {
            var chunk = events.Skip(i).Take(7).ToList();
            await store.AppendEventsAsync(chunk, Ct);
            foreach (var e in chunk) reference.Apply(e);
        }
        return reference;
    }

    [Fact]
    public async Task AppendEventsAsync_ThenReopen_SameStateAsAppliedInOrder()
    {
        var options = Options();
        LiveState reference;
        await using (var store = await OpenAsync(options))
        {
            reference = await WriteAsync(store, options, Events(200));
            StateAssert.Same(reference, store.State);
        }

        await using var reopened = await OpenAsync(options);

        StateAssert.Same(reference, reopened.State);
        Assert.Equal(4, reopened.State.UserCount);
        Assert.Equal(200, reopened.Statistics.EventsLogged);
        Assert.Equal("Title item3", reopened.State.GetItem("item3")!.Title);
        Assert.Equal(1999, reopened.State.GetItem("item3")!.Attributes["year"].Number);
    }

    [Fact]
    public async Task SnapshotAsync_ThenMoreWritesAndReopen_SameState()
    {
        var options = Options();
        var events = Events(160);
        LiveState reference;
        await using (var store = await OpenAsync(options))
        {
            reference = await WriteAsync(store, options, events.Take(90).ToList());
            await store.SnapshotAsync(Ct);
            reference = await WriteAsync(store, options, events.Skip(90).ToList(), reference);
        }

        await using var reopened = await OpenAsync(options);

        StateAssert.Same(reference, reopened.State);
        Assert.Equal(160, reopened.Statistics.EventsLogged);
    }

    [Fact]
    public async Task AppendEventsAsync_Duplicates_CountedAndAppliedOnce()
    {
        await using var store = await OpenAsync(Options());

        var first = await store.AppendEventsAsync([Event("u", "a", id: "d1"), Event("u", "b", id: "d2", atSeconds: 1)], Ct);
        var again = await store.AppendEventsAsync([Event("u", "a", id: "d1"), Event("u", "b", id: "d2", atSeconds: 1)], Ct);
        var mixed = await store.AppendEventsAsync(
            [Event("u", "c", id: "d3", atSeconds: 2), Event("v", "c", id: "d3", atSeconds: 2), Event("w", "a", id: "d1")], Ct);

        Assert.Equal(new AppendResult(2, 0), first);
        Assert.Equal(new AppendResult(0, 2), again);
        Assert.Equal(new AppendResult(1, 2), mixed);
        Assert.Equal(3, store.State.Summarize("u")!.TotalEvents);
        Assert.False(store.State.HasUser("w"));
        Assert.Equal(3, store.Statistics.EventsLogged);
    }

    [Fact]
    public async Task AppendEventsAsync_GeneratedIds_AllApplied()
    {
        await using var store = await OpenAsync(Options());

        var result = await store.AppendEventsAsync(
            [Event("u", "a", id: "g", hasClientId: false), Event("u", "a", id: "g", hasClientId: false)], Ct);

        Assert.Equal(new AppendResult(2, 0), result);
        Assert.Equal(2, store.State.Summarize("u")!.TotalEvents);
    }

    [Fact]
    public async Task AppendEventsAsync_UnknownType_RejectsWholeBatch()
    {
        var options = Options();
        await using (var store = await OpenAsync(options))
        {
            await store.AppendEventsAsync([Event("u", "a", id: "ok-1")], Ct);

            await Assert.ThrowsAsync<ArgumentException>(async () =>
                await store.AppendEventsAsync([Event("u", "b", id: "ok-2"), Event("u", "c", type: "teleport", id: "bad")], Ct));

            Assert.Equal(1, store.State.Summarize("u")!.TotalEvents);
        }
        await using var reopened = await OpenAsync(options);
        Assert.Equal(1, reopened.State.Summarize("u")!.TotalEvents);
    }

    [Fact]
    public async Task ForgetUserAsync_KnownUser_GoneNowAndAfterReopen()
    {
        var options = Options();
        var events = Events(120);
        LiveState reference;
        await using (var store = await OpenAsync(options))
        {
            reference = await WriteAsync(store, options, events.Take(60).ToList());
            await store.SnapshotAsync(Ct); // a snapshot holds Alice's recent events too
            reference = await WriteAsync(store, options, events.Skip(60).ToList(), reference);

            Assert.True(await store.ForgetUserAsync(Alice, Ct));
            reference.ForgetUser(Alice);

            Assert.False(store.State.HasUser(Alice));
            Assert.False(await store.ForgetUserAsync(Alice, Ct));
            StateAssert.Same(reference, store.State);
        }

        await using var reopened = await OpenAsync(options);
        Assert.False(reopened.State.HasUser(Alice));
        StateAssert.Same(reference, reopened.State);
        await AssertNothingStoredAboutAsync(Alice);
    }

    [Fact]
    public async Task ForgetUserAsync_UnknownUser_ReturnsFalse()
    {
        await using var store = await OpenAsync(Options());
        await store.AppendEventsAsync([Event("u", "a")], Ct);

        Assert.False(await store.ForgetUserAsync("nobody", Ct));
        Assert.True(store.State.HasUser("u"));
    }

    [Fact]
    public async Task DeleteItemAsync_ThenReopen_ItemStaysDeleted()
    {
        var options = Options();
        await using (var store = await OpenAsync(options))
        {
            await store.UpsertItemsAsync([FullItem("item1"), FullItem("item2")], Ct);
            Assert.True(await store.DeleteItemAsync("item1", Ct));
            Assert.False(await store.DeleteItemAsync("item1", Ct));
            Assert.False(await store.DeleteItemAsync("never", Ct));
        }

        await using var reopened = await OpenAsync(options);
        Assert.Null(reopened.State.GetItem("item1"));
        Assert.NotNull(reopened.State.GetItem("item2"));
        Assert.Equal(1, reopened.Statistics.Items);
    }

    [Fact]
    public async Task UpsertItemsAsync_UpdateWithoutCreationTime_KeepsFirstCreationTime()
    {
        await using var store = await OpenAsync(Options());
        await store.UpsertItemsAsync([new Item { Id = "x", Title = "First" }], Ct);
        var created = store.State.GetItem("x")!.CreatedAt;

        await store.UpsertItemsAsync([new Item { Id = "x", Title = "Second" }], Ct);

        Assert.NotEqual(default, created);
        Assert.Equal("Second", store.State.GetItem("x")!.Title);
        Assert.Equal(created, store.State.GetItem("x")!.CreatedAt);
    }

    [Fact]
    public async Task CatchUpAsync_SingleWriter_IsCurrent()
    {
        await using var store = await OpenAsync(Options());
        await store.AppendEventsAsync([Event("u", "a")], Ct);

        Assert.True(await store.CatchUpAsync(Ct));
    }

    /// <summary>Asserts that the backing storage holds no trace of <paramref name="userId"/> (each backend looks its own way).</summary>
    protected abstract Task AssertNothingStoredAboutAsync(string userId);
}
