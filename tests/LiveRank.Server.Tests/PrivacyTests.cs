using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>GET /v1/users/{id}/export returns everything held; DELETE then leaves nothing of the user on disk.</summary>
public sealed class PrivacyTests : IDisposable
{
    private const string Subject = "subject-user-4d2b";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // A ring of 4: the export must come from the log, not from the ring alone.
        ["LiveRank:Store:State:RecentEventsPerUser"] = "4",
    };

    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Export_ThenDelete_EverythingReturnedThenNothingLeft()
    {
        await using (var factory = new LiveRankFactory(_directory, Settings))
        {
            using var client = factory.CreateClient();
            var items = Items(Item("m1", "Heat: a crime thriller"), Item("m2", "Casino: a crime drama"), Item("m3", "Toy Story: family animation"));
            items["wait"] = true;
            await PostOkAsync(client, "/v1/items", items);
            await PostOkAsync(client, "/v1/events", Events(
                Event("view", Subject, "m1", id: "p-1"), Event("click", Subject, "m2", id: "p-2", sessionId: "s-9"),
                Event("view", Subject, "m3", id: "p-3"), Event("view", Subject, "m1", id: "p-4"), Event("view", Subject, "m3", id: "p-5"),
                Event("view", "someone-else", "m3")));

            var export = await GetOkAsync(client, $"/v1/users/{Subject}/export");

            Assert.Equal(Subject, export["userId"]!.GetValue<string>());
            Assert.Equal("embedded", export["store"]!.GetValue<string>());
            var events = export["events"]!.AsArray();
            Assert.Equal(["p-1", "p-2", "p-3", "p-4", "p-5"], events.Select(e => e!["id"]!.GetValue<string>()));
            Assert.Equal("s-9", events[1]!["sessionId"]!.GetValue<string>());
            Assert.Equal(4, export["state"]!["recentEvents"]!.AsArray().Count);
            Assert.Contains("Toy Story", export["state"]!["narrative"]!.GetValue<string>());
            Assert.Equal(384, export["vectors"]!["longTerm"]!.AsArray().Count);
        }
        Assert.True(StoreContains(Subject), "the subject should be on disk (log and shutdown snapshot) before the erasure");

        await using (var factory = new LiveRankFactory(_directory, Settings))
        {
            using var client = factory.CreateClient();
            using var deleted = await client.DeleteAsync($"/v1/users/{Subject}", Ct);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

            Assert.False(StoreContains(Subject), "the subject is still on disk right after DELETE");
            using var export = await client.GetAsync($"/v1/users/{Subject}/export", Ct);
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
            var other = await GetOkAsync(client, "/v1/users/someone-else/export");
            Assert.Single(other["events"]!.AsArray());
        }
        Assert.False(StoreContains(Subject), "the subject reappeared on disk after shutdown");
    }

    private bool StoreContains(string text)
    {
        byte[][] needles = [Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text)];
        foreach (string file in Directory.EnumerateFiles(_directory.Path, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            if (needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0)) return true;
        }
        return false;
    }
}
