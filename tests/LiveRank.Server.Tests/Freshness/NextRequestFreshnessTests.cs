using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Freshness;

/// <summary>
/// Embedded mode applies an event to the real-time state before acknowledging it, so the very next request sees it:
/// no polling, no delay. (The distribution under load comes from the <c>live-load</c> bench runner.)
/// </summary>
public sealed class NextRequestFreshnessTests : ServerTest
{
    [Fact]
    public async Task EveryAcknowledgedEvent_ShowsInTheNextRerank()
    {
        // Distinct words, so that no film is a near-duplicate of another.
        string[] titles = ["Volcano", "Orchestra", "Bicycle", "Glacier", "Lawyer", "Pancake", "Satellite", "Tiger", "Umbrella", "Harbour"];
        await PostOkAsync(Client, "/v1/items", Items([.. titles.Select((t, i) => Item($"f{i}", t, $"genre-{i}"))]));
        var request = Rerank("fresh", [.. titles.Select((_, i) => $"f{i}")]);

        for (int round = 0; round < titles.Length; round++)
        {
            // Each acknowledged purchase moves its film to the bottom in the next ranking (earlier purchases stay below the rest).
            await PostOkAsync(Client, "/v1/events", Events(Event("purchase", "fresh", $"f{round}")));
            var ranked = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));
            Assert.Equal([.. Enumerable.Range(0, round + 1).Select(i => $"f{i}")], ranked[^(round + 1)..].Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Click_ShowsInTheNextRerankAndUserRead()
    {
        await PostOkAsync(Client, "/v1/items", Items(
            Item("a1", "Book 1", "books"), Item("a2", "Book 2", "books"), Item("b1", "Album 1", "music"), Item("b2", "Album 2", "music")));
        var request = Rerank("listener", "a1", "a2", "b2");

        await PostOkAsync(Client, "/v1/events", Events(Event("click", "listener", "b1")));
        var ranked = RankedIds(await PostOkAsync(Client, "/v1/rerank", request));
        var user = await GetOkAsync(Client, "/v1/users/listener");

        Assert.Equal("b2", ranked[0]);
        Assert.Contains("b1", user.ToJsonString());
    }
}
