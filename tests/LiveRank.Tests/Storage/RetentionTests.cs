using System.Text;
using LiveRank.Domain;
using LiveRank.Storage;
using Xunit;

namespace LiveRank.Tests.Storage;

/// <summary>LiveRank:Store:Retention: events older than the TTL leave state and the log at the next snapshot.</summary>
public sealed class RetentionTests : IDisposable
{
    private const string Lapsed = "lapsed-user-5c1e";   // only old events: forgotten whole
    private const string Active = "active-user-93b7";   // old and new events: the old ones go

    private readonly TempDirectory _temp = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private static UserEvent At(string id, string user, string item, DateTimeOffset when) =>
        new() { Id = id, Type = "view", UserId = user, ItemId = item, Timestamp = when };

    [Fact]
    public async Task Snapshot_WithRetention_DropsOldEventsFromStateLogAndExport()
    {
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-40);
        var options = new StoreOptions { Retention = TimeSpan.FromDays(30) };
        await using (var store = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct))
        {
            await store.AppendEventsAsync([
                At("old-1", Lapsed, "i1", old), At("old-2", Active, "i2", old.AddMinutes(5)),
                At("new-1", Active, "i3", now.AddMinutes(-10))], _ct);
            Assert.Equal(2, (await store.ExportUserEventsAsync(Active, _ct)).Count);

            await store.SnapshotAsync(_ct);

            Assert.False(store.State.HasUser(Lapsed));
            var kept = Assert.Single(store.State.RecentEventsOf(Active));
            Assert.Equal("i3", kept.ItemId);
            Assert.Equal("new-1", Assert.Single(await store.ExportUserEventsAsync(Active, _ct)).Id);
            Assert.Empty(await store.ExportUserEventsAsync(Lapsed, _ct));
            Assert.Equal(1, store.Statistics.EventsLogged);
        }
        Assert.False(FilesContain(Lapsed), "the lapsed user is still on disk");

        await using var reopened = await EmbeddedStateStore.OpenAsync(_temp.Path, options, cancellationToken: _ct);
        Assert.False(reopened.State.HasUser(Lapsed));
        Assert.Single(reopened.State.RecentEventsOf(Active));
    }

    [Fact]
    public async Task Snapshot_WithoutRetention_KeepsEverything()
    {
        await using var store = await EmbeddedStateStore.OpenAsync(_temp.Path, new StoreOptions(), cancellationToken: _ct);
        await store.AppendEventsAsync([At("old-1", Lapsed, "i1", DateTimeOffset.UtcNow.AddYears(-5))], _ct);

        await store.SnapshotAsync(_ct);

        Assert.True(store.State.HasUser(Lapsed));
        Assert.Single(await store.ExportUserEventsAsync(Lapsed, _ct));
    }

    private bool FilesContain(string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];
        foreach (string file in Directory.EnumerateFiles(_temp.Path, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (var needle in needles)
                if (bytes.AsSpan().IndexOf(needle) >= 0) return true;
        }
        return false;
    }
}
