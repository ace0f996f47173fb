using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>Every way a request can be wrong answers with the right status and a problem that names the field.</summary>
public sealed class ValidationTests : ServerTest
{
    public ValidationTests()
        : base(new Dictionary<string, string?> { ["LiveRank:Api:MaxBatch"] = "10" })
    {
    }

    [Fact]
    public async Task Rerank_MalformedJson_Returns400NamingPath()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":"u","candidates":[{"id":"a"},{"id":}]}""");

        await AssertMalformedAsync(response, "$.candidates[1].id");
    }

    [Fact]
    public async Task Rerank_MissingUserId_Returns422ForUserId()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"candidates":[{"id":"a"}]}""");

        await AssertFieldErrorAsync(response, "userId");
    }

    [Fact]
    public async Task Rerank_MissingCandidates_Returns422ForCandidates()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":"u"}""");

        await AssertFieldErrorAsync(response, "candidates");
    }

    [Fact]
    public async Task Rerank_EmptyCandidates_Returns422ForCandidates()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":"u","candidates":[]}""");

        await AssertFieldErrorAsync(response, "candidates");
    }

    [Fact]
    public async Task Rerank_1001Candidates_Returns413()
    {
        var problem = await AssertProblemAsync(
            await PostAsync(Client, "/v1/rerank", Rerank("u", [.. Enumerable.Range(0, 1001).Select(i => $"c{i}")])),
            HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1001", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerank_1000Candidates_IsAccepted()
    {
        var answer = await PostOkAsync(Client, "/v1/rerank", Rerank("u", [.. Enumerable.Range(0, 1000).Select(i => $"c{i}")]));

        Assert.Equal(1000, answer["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Rerank_DuplicateCandidateIds_Returns422ForSecondOccurrence()
    {
        using var response = await PostAsync(Client, "/v1/rerank", Rerank("u", "a", "b", "a"));

        var messages = await AssertFieldErrorAsync(response, "candidates[2].id");
        Assert.Contains(messages, m => m.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerank_CandidatesOfWrongType_Returns400NamingPath()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":"u","candidates":5}""");

        await AssertMalformedAsync(response, "$.candidates");
    }

    [Fact]
    public async Task Rerank_UserIdOfWrongType_Returns400NamingPath()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":42,"candidates":[{"id":"a"}]}""");

        await AssertMalformedAsync(response, "$.userId");
    }

    [Fact]
    public async Task Rerank_ZeroLimit_Returns422ForLimit()
    {
        var request = Rerank("u", "a");
        request["limit"] = 0;

        using var response = await PostAsync(Client, "/v1/rerank", request);

        await AssertFieldErrorAsync(response, "limit");
    }

    [Fact]
    public async Task Rerank_HugeLimit_Returns400NamingPath()
    {
        using var response = await PostAsync(Client, "/v1/rerank", """{"userId":"u","candidates":[{"id":"a"}],"limit":1e30}""");

        await AssertMalformedAsync(response, "$.limit");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("")]
    public async Task Post_NullOrEmptyBody_Returns400(string body)
    {
        foreach (string path in new[] { "/v1/items", "/v1/events", "/v1/rerank" })
        {
            using var response = await PostAsync(Client, path, body);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Post_JsonArrayInsteadOfObject_Returns400()
    {
        using var response = await PostAsync(Client, "/v1/events", "[]");

        await AssertMalformedAsync(response, "$");
    }

    [Fact]
    public async Task Post_WrongContentType_Returns415()
    {
        foreach (string path in new[] { "/v1/items", "/v1/events", "/v1/rerank" })
        {
            using var content = new StringContent("""{"userId":"u","candidates":[{"id":"a"}]}""", Encoding.UTF8, "text/plain");
            using var response = await Client.PostAsync(path, content, Ct);
            await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        }
    }

    [Fact]
    public async Task Events_UnknownType_Returns422ForType()
    {
        using var response = await PostAsync(Client, "/v1/events", Events(Event("view", "u", "i"), Event("teleport", "u", "i")));

        var messages = await AssertFieldErrorAsync(response, "events[1].type");
        Assert.Contains(messages, m => m.Contains("teleport", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_MissingUserAndItem_Returns422ForEachField()
    {
        using var response = await PostAsync(Client, "/v1/events", """{"events":[{"type":"view"}]}""");

        var errors = (await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity))["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("events[0].userId"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("events[0].itemId"), errors.ToJsonString());
    }

    [Fact]
    public async Task Events_ErrorsKeyedByIndex_NameTheFourthEvent()
    {
        var events = new[] { Event("view", "u", "i"), Event("view", "u", "i"), Event("view", "u", "i"), Event("", "u", "i") };

        using var response = await PostAsync(Client, "/v1/events", Events(events));

        await AssertFieldErrorAsync(response, "events[3].type");
    }

    [Fact]
    public async Task Events_TimestampFarInFuture_Returns422ForTimestamp()
    {
        var e = Event("view", "u", "i");
        e["timestamp"] = DateTimeOffset.UtcNow.AddDays(30).ToString("O");

        using var response = await PostAsync(Client, "/v1/events", Events(e));

        await AssertFieldErrorAsync(response, "events[0].timestamp");
    }

    [Fact]
    public async Task Events_UnixTimestampFarInFuture_Returns422ForTimestamp()
    {
        var e = Event("view", "u", "i");
        e["timestamp"] = DateTimeOffset.UtcNow.AddYears(5).ToUnixTimeSeconds();

        using var response = await PostAsync(Client, "/v1/events", Events(e));

        await AssertFieldErrorAsync(response, "events[0].timestamp");
    }

    [Fact]
    public async Task Events_UnparsableTimestamp_Returns422ForTimestamp()
    {
        var e = Event("view", "u", "i");
        e["timestamp"] = "last tuesday";

        using var response = await PostAsync(Client, "/v1/events", Events(e));

        await AssertFieldErrorAsync(response, "events[0].timestamp");
    }

    [Fact]
    public async Task Events_OversizeBatch_Returns413()
    {
        var events = Enumerable.Range(0, 11).Select(i => Event("view", "u-big", $"i{i}")).ToArray();

        using var response = await PostAsync(Client, "/v1/events", Events(events));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        using var user = await Client.GetAsync("/v1/users/u-big", Ct);
        Assert.Equal(HttpStatusCode.NotFound, user.StatusCode);
    }

    [Fact]
    public async Task Events_EmptyBatch_Returns422ForEvents()
    {
        using var response = await PostAsync(Client, "/v1/events", """{"events":[]}""");

        await AssertFieldErrorAsync(response, "events");
    }

    [Fact]
    public async Task Items_NaNPriceString_Returns400NamingPrice()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","price":"NaN"}]}""");

        await AssertMalformedAsync(response, "$.items[0].price");
    }

    [Fact]
    public async Task Items_NumericStringPrice_Returns400NamingPrice()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","price":"12.5"}]}""");

        await AssertMalformedAsync(response, "$.items[0].price");
    }

    [Fact]
    public async Task Items_NegativePrice_Returns422ForPrice()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","price":-3}]}""");

        await AssertFieldErrorAsync(response, "items[0].price");
    }

    [Fact]
    public async Task Items_OverflowingPrice_IsRejected()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","price":1e400}]}""");

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, response.StatusCode.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("price", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Items_UnpairedSurrogateInAttribute_Returns422ForAttribute()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","attributes":{"a":"\ud800"}}]}""");

        await AssertFieldErrorAsync(response, "items[0].attributes.a");
    }

    [Fact]
    public async Task Items_UnpairedSurrogateInCreatedAt_Returns422ForCreatedAt()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","createdAt":"\udc00"}]}""");

        await AssertFieldErrorAsync(response, "items[0].createdAt");
    }

    [Fact]
    public async Task Events_UnpairedSurrogateInTimestamp_Returns422ForTimestamp()
    {
        using var response = await PostAsync(Client, "/v1/events", """{"events":[{"type":"view","userId":"u","itemId":"i","timestamp":"\ud800"}]}""");

        await AssertFieldErrorAsync(response, "events[0].timestamp");
    }

    [Fact]
    public async Task Events_UnpairedSurrogateInUserId_Returns400()
    {
        using var response = await PostAsync(Client, "/v1/events", """{"events":[{"type":"view","userId":"\ud800","itemId":"i"}]}""");

        await AssertMalformedAsync(response, "$.events[0].userId");
    }

    [Fact]
    public async Task Items_MissingTitle_Returns422ForTitle()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n"}]}""");

        await AssertFieldErrorAsync(response, "items[0].title");
    }

    [Fact]
    public async Task Items_ControlCharacterInId_Returns422ForId()
    {
        using var response = await PostAsync(Client, "/v1/items", Items(Item("bad\u0001id", "T")));

        await AssertFieldErrorAsync(response, "items[0].id");
    }

    [Fact]
    public async Task Items_NestedAttribute_Returns422ForAttribute()
    {
        using var response = await PostAsync(Client, "/v1/items", """{"items":[{"id":"n","title":"T","attributes":{"size":{"w":1}}}]}""");

        await AssertFieldErrorAsync(response, "items[0].attributes.size");
    }

    [Fact]
    public async Task Items_DeepNesting_Returns400()
    {
        string deep = new string('[', 200) + new string(']', 200);

        using var response = await PostAsync(Client, "/v1/items", "{\"items\":[{\"id\":\"n\",\"title\":\"T\",\"attributes\":{\"a\":" + deep + "}}]}");

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413()
    {
        await using var small = new LiveRankFactory(new Dictionary<string, string?> { ["LiveRank:Api:MaxRequestBodyBytes"] = "2048" });
        using var client = small.CreateClient();
        var item = Item("big", "T");
        item["description"] = new string('x', 4096);

        using var response = await PostAsync(client, "/v1/items", Items(item));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_BodyOverLimitWithoutContentLength_Returns413()
    {
        await using var small = new LiveRankFactory(new Dictionary<string, string?> { ["LiveRank:Api:MaxRequestBodyBytes"] = "2048" });
        using var client = small.CreateClient();
        string json = "{\"items\":[{\"id\":\"big\",\"title\":\"T\",\"description\":\"" + new string('x', 8192) + "\"}]}";
        using var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/v1/items", content, Ct);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>Hides the length so the request goes out chunked, without Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
