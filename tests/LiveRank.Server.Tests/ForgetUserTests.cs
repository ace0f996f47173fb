using System.Net;
using System.Text;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>DELETE /v1/users/{id} erases the user from memory and from every byte the store keeps on disk.</summary>
public sealed class ForgetUserTests : IDisposable
{
    private const string Forgotten = "user-forget-7f3a";
    private const string Kept = "user-keep-91c2";

    private readonly TempStoreDirectory _directory = new();

    // Small snapshot interval so the users reach snapshot files before the erasure, not only the log.
    private static readonly Dictionary<string, string?> Settings = new() { ["LiveRank:Store:SnapshotEveryRecords"] = "4" };

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Delete_KnownUser_ErasesUserFromStateLogAndSnapshots()
    {
        long keptEvents;
        await using (var factory = new LiveRankFactory(_directory, Settings))
        {
            using var client = factory.CreateClient();
            await SeedAsync(client);
            keptEvents = (await GetOkAsync(client, $"/v1/users/{Kept}"))["totalEvents"]!.GetValue<long>();
        }

        // A clean shutdown wrote a snapshot holding both users; the scan must be able to see them before the erasure.
        Assert.True(StoreContains(Forgotten), "the forgotten user should be on disk before the erasure");
        Assert.True(StoreContains(Kept));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_directory.Path, "snapshots")));

        await using (var factory = new LiveRankFactory(_directory, Settings))
        {
            using var client = factory.CreateClient();
            using var deleted = await client.DeleteAsync($"/v1/users/{Forgotten}", Ct);
            using var gone = await client.GetAsync($"/v1/users/{Forgotten}", Ct);
            var kept = await GetOkAsync(client, $"/v1/users/{Kept}");

            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal(keptEvents, kept["totalEvents"]!.GetValue<long>());

            // Checked while the server still runs: the erasure is done when DELETE answers, not at shutdown.
            Assert.False(StoreContains(Forgotten), $"'{Forgotten}' still occurs in: {string.Join(", ", FilesContaining(Forgotten))}");
            Assert.True(StoreContains(Kept));

            using var again = await client.DeleteAsync($"/v1/users/{Forgotten}", Ct);
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        Assert.False(StoreContains(Forgotten), $"'{Forgotten}' reappeared in: {string.Join(", ", FilesContaining(Forgotten))}");

        await using (var factory = new LiveRankFactory(_directory, Settings))
        {
            using var client = factory.CreateClient();
            using var gone = await client.GetAsync($"/v1/users/{Forgotten}", Ct);
            var kept = await GetOkAsync(client, $"/v1/users/{Kept}");

            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
            Assert.Equal(keptEvents, kept["totalEvents"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task Delete_UserWithUnsnapshottedEvents_ErasesFromLog()
    {
        await using var factory = new LiveRankFactory(_directory);
        using var client = factory.CreateClient();
        await SeedAsync(client);
        Assert.True(StoreContains(Forgotten), "the events should be in the log before the erasure");

        using var deleted = await client.DeleteAsync($"/v1/users/{Forgotten}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(StoreContains(Forgotten), $"'{Forgotten}' still occurs in: {string.Join(", ", FilesContaining(Forgotten))}");
        Assert.True(StoreContains(Kept));
    }

    [Fact]
    public async Task Delete_ForgottenUser_RankingNoLongerPersonalised()
    {
        await using var factory = new LiveRankFactory(_directory);
        using var client = factory.CreateClient();
        await PostOkAsync(client, "/v1/items", Items(Item("f1", "One"), Item("f2", "Two"), Item("f3", "Three")));
        await PostOkAsync(client, "/v1/events", Events(Event("purchase", Forgotten, "f1")));
        var request = Rerank(Forgotten, "f1", "f2", "f3");
        Assert.Equal("f1", RankedIds(await PostOkAsync(client, "/v1/rerank", request))[^1]);

        using var deleted = await client.DeleteAsync($"/v1/users/{Forgotten}", Ct);
        var after = RankedIds(await PostOkAsync(client, "/v1/rerank", request));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("f1", after[0]);
    }

    private static async Task SeedAsync(HttpClient client)
    {
        await PostOkAsync(client, "/v1/items", Items(Item("shoe-1", "Runner", "shoes"), Item("shoe-2", "Trail", "shoes"), Item("hat-1", "Cap", "hats")));
        await PostOkAsync(client, "/v1/events", Events(
            Event("view", Forgotten, "shoe-1", id: "ev-001"),
            Event("click", Kept, "hat-1", id: "ev-002"),
            Event("cart", Forgotten, "shoe-2", id: "ev-003", sessionId: "s-1"),
            Event("view", Kept, "shoe-1", id: "ev-004"),
            Event("purchase", Forgotten, "shoe-2", id: "ev-005", sessionId: "s-1"),
            Event("view", Kept, "shoe-2", id: "ev-006")));
    }

    private bool StoreContains(string text) => FilesContaining(text).Count > 0;

    /// <summary>Every file under the store directory whose raw bytes hold <paramref name="text"/> in UTF-8 or UTF-16.</summary>
    private List<string> FilesContaining(string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text), Encoding.BigEndianUnicode.GetBytes(text)];
        var hits = new List<string>();
        foreach (string file in Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0)) hits.Add(Path.GetRelativePath(_directory.Path, file));
        }
        return hits;
    }
}
