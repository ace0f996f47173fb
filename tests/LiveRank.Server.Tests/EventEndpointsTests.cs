using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

public sealed class EventEndpointsTests : ServerTest
{

    [Fact]
    public async Task Ingest_NewEvents_ReturnsAcceptedCount()
    {
        var answer = await PostOkAsync(Client, "/v1/events", Events(
            Event("view", "u-acc", "i1", id: "acc-1"),
            Event("click", "u-acc", "i2", id: "acc-2"),
            Event("purchase", "u-acc", "i2", id: "acc-3")));

        Assert.Equal(3, answer["accepted"]!.GetValue<int>());
        Assert.Equal(0, answer["duplicates"]!.GetValue<int>());
        var user = await GetOkAsync(Client, "/v1/users/u-acc");
        Assert.Equal(3, user["totalEvents"]!.GetValue<long>());
        Assert.Equal(1, user["eventCounts"]!["purchase"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ingest_SameIdsAgain_CountsDuplicatesAndLeavesUserUnchanged()
    {
        JsonObject Batch() => Events(
            Event("view", "u-dup", "i1", id: "dup-1"),
            Event("view", "u-dup", "i2", id: "dup-2"),
            Event("click", "u-dup", "i3", id: "dup-3"));
        await PostOkAsync(Client, "/v1/events", Batch());
        var before = await GetOkAsync(Client, "/v1/users/u-dup");

        var again = await PostOkAsync(Client, "/v1/events", Batch());
        var after = await GetOkAsync(Client, "/v1/users/u-dup");

        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(3, again["duplicates"]!.GetValue<int>());
        Assert.Equal(3, before["totalEvents"]!.GetValue<long>());
        Assert.Equal(before["totalEvents"]!.GetValue<long>(), after["totalEvents"]!.GetValue<long>());
    }

    [Fact]
    public async Task Ingest_DuplicateIdWithinOneBatch_CountsOnce()
    {
        var answer = await PostOkAsync(Client, "/v1/events", Events(
            Event("view", "u-dup2", "i1", id: "same"),
            Event("view", "u-dup2", "i1", id: "same")));

        Assert.Equal(1, answer["accepted"]!.GetValue<int>());
        Assert.Equal(1, answer["duplicates"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ingest_EventsWithoutIdTwice_AcceptedBothTimes()
    {
        JsonObject Batch() => Events(Event("view", "u-noid", "i1"), Event("view", "u-noid", "i2"));

        var first = await PostOkAsync(Client, "/v1/events", Batch());
        var second = await PostOkAsync(Client, "/v1/events", Batch());
        var user = await GetOkAsync(Client, "/v1/users/u-noid");

        Assert.Equal(2, first["accepted"]!.GetValue<int>());
        Assert.Equal(2, second["accepted"]!.GetValue<int>());
        Assert.Equal(0, second["duplicates"]!.GetValue<int>());
        Assert.Equal(4, user["totalEvents"]!.GetValue<long>());
    }

    [Fact]
    public async Task Ingest_IsoAndUnixTimestamps_BothAccepted()
    {
        var iso = Event("view", "u-ts", "i1", id: "ts-iso");
        iso["timestamp"] = "2024-03-01T12:00:00Z";
        var unix = Event("view", "u-ts", "i2", id: "ts-unix");
        unix["timestamp"] = 1_709_299_980; // 2024-03-01T13:33:00Z (recent events keep minute resolution)

        var answer = await PostOkAsync(Client, "/v1/events", Events(iso, unix));
        var user = await GetOkAsync(Client, "/v1/users/u-ts");

        Assert.Equal(2, answer["accepted"]!.GetValue<int>());
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_709_299_980), user["lastEventAt"]!.GetValue<DateTimeOffset>());
        var times = user["recentEvents"]!.AsArray().Select(e => e!["timestamp"]!.GetValue<DateTimeOffset>()).Order().ToArray();
        Assert.Equal([new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero), DateTimeOffset.FromUnixTimeSeconds(1_709_299_980)], times);
    }

    [Fact]
    public async Task Ingest_OneInvalidEvent_RejectsWholeBatch()
    {
        using var response = await PostAsync(Client, "/v1/events", Events(
            Event("view", "u-whole", "i1", id: "w-1"),
            Event("teleport", "u-whole", "i2", id: "w-2")));

        await AssertFieldErrorAsync(response, "events[1].type");
        using var user = await Client.GetAsync("/v1/users/u-whole", Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, user.StatusCode);
        var ready = await GetOkAsync(Client, "/readyz");
        Assert.Equal(0, ready["eventsLogged"]!.GetValue<long>());
    }
}
