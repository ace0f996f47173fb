using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>Whatever the server acknowledged survives <c>kill -9</c> of a real server process.</summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    // Narrative vectors are derived in the background, not acknowledged state: with the refresher parked (a day between
    // runs) both processes rank without them, so the scores compare exactly.
    private static readonly string[] NoNarratives = ["--LiveRank:Semantic:NarrativeDebounce=1.00:00:00"];

    [Fact]
    public async Task Kill9_AfterAcknowledgedWrites_RestartRecoversSameState()
    {
        string[] users = ["dur-user-1", "dur-user-2"];
        var rerank = Rerank(users[0], "d1", "d2", "d3", "d4", "d5", "d6");
        var summariesBefore = new Dictionary<string, string>();
        string rankingBefore;
        string readyBefore;

        await using (var server = await ServerProcess.StartAsync(_directory.Connection, Ct, NoNarratives))
        {
            var client = server.Client;
            // Wait for the item vectors, so that every profile update below happens live, as during the replay after
            // the kill (a profile rebuilt from the ring counts time in whole minutes and would differ in the last digits).
            var catalog = Items(
                Item("d1", "One", "red"), Item("d2", "Two", "red"), Item("d3", "Three", "blue"),
                Item("d4", "Four", "blue"), Item("d5", "Five", "green"), Item("d6", "Six", "green"));
            catalog["wait"] = true;
            await PostOkAsync(client, "/v1/items", catalog);
            await PostOkAsync(client, "/v1/events", Events(
                Event("view", users[0], "d3", id: "dur-1", sessionId: "s1"),
                Event("click", users[0], "d4", id: "dur-2", sessionId: "s1"),
                Event("view", users[1], "d3", id: "dur-3"),
                Event("view", users[1], "d5", id: "dur-4")));
            await PostOkAsync(client, "/v1/events", Events(
                Event("purchase", users[0], "d1", id: "dur-5", sessionId: "s1"),
                Event("view", users[1], "d4")));
            using (var deleted = await client.DeleteAsync("/v1/items/d6", Ct))
            {
                Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
            }
            // The last acknowledgement before the kill: an event batch.
            await PostOkAsync(client, "/v1/events", Events(Event("cart", users[0], "d5", id: "dur-6", sessionId: "s1")));

            foreach (string user in users) summariesBefore[user] = (await GetOkAsync(client, $"/v1/users/{user}")).ToJsonString();
            rankingBefore = Ranking(await PostOkAsync(client, "/v1/rerank", rerank));
            readyBefore = Counts(await GetOkAsync(client, "/readyz"));

            await server.KillAsync(Ct);
        }

        // Killed, so no shutdown snapshot: recovery below replays the log alone.
        string snapshots = Path.Combine(_directory.Path, "snapshots");
        Assert.True(!Directory.Exists(snapshots) || Directory.GetFiles(snapshots).Length == 0, "a snapshot was written before the kill");

        await using (var server = await ServerProcess.StartAsync(_directory.Connection, Ct, NoNarratives))
        {
            var client = server.Client;
            foreach (string user in users)
            {
                Assert.Equal(summariesBefore[user], (await GetOkAsync(client, $"/v1/users/{user}")).ToJsonString());
            }
            Assert.Equal(rankingBefore, Ranking(await PostOkAsync(client, "/v1/rerank", rerank)));
            Assert.Equal(readyBefore, Counts(await GetOkAsync(client, "/readyz")));
            using var deleted = await client.GetAsync("/v1/items/d6", Ct);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, deleted.StatusCode);

            // Event ids acknowledged before the kill are still known: re-posting them is a duplicate.
            var again = await PostOkAsync(client, "/v1/events", Events(Event("cart", users[0], "d5", id: "dur-6")));
            Assert.Equal(1, again["duplicates"]!.GetValue<int>());
        }
    }

    /// <summary>The ranking without its per-request parts (request id, timing).</summary>
    private static string Ranking(JsonNode answer) =>
        string.Join(";", answer["items"]!.AsArray().Select(i => $"{i!["id"]}:{i["rank"]}:{i["score"]}")) + "|" + answer["model"];

    private static string Counts(JsonNode ready) => $"{ready["items"]}/{ready["users"]}/{ready["eventsLogged"]}";
}
