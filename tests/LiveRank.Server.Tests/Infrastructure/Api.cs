using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>Small request and assertion aids for API tests: every body goes out as <c>application/json</c>.</summary>
public static class Api
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Json(JsonNode node) => Json(node.ToJsonString());

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, Json(json), Ct);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, JsonNode node) =>
        client.PostAsync(path, Json(node), Ct);

    public static Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string path, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync(path, content, Ct);
    }

    /// <summary>Posts and asserts 200; returns the parsed answer.</summary>
    public static async Task<JsonNode> PostOkAsync(HttpClient client, string path, JsonNode node)
    {
        using var response = await PostAsync(client, path, node);
        string text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetOkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Asserts the status, an <c>application/problem+json</c> body, and returns the problem.</summary>
    public static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts a 422 whose <c>errors</c> map has <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]?.AsObject();
        Assert.NotNull(errors);
        Assert.True(errors.ContainsKey(field), $"errors has no '{field}': {errors.ToJsonString()}");
        return [.. errors[field]!.AsArray().Select(m => m!.GetValue<string>())];
    }

    /// <summary>Asserts a 400 whose detail names <paramref name="jsonPath"/> (e.g. <c>$.candidates</c>).</summary>
    public static async Task<string> AssertMalformedAsync(HttpResponseMessage response, string? jsonPath)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        string detail = problem["detail"]?.GetValue<string>() ?? "";
        if (jsonPath is not null) Assert.Contains(jsonPath, detail, StringComparison.Ordinal);
        return detail;
    }

    public static JsonObject Item(string id, string title, params string[] categories) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["categories"] = new JsonArray([.. categories.Select(c => (JsonNode)JsonValue.Create(c)!)]),
    };

    public static JsonObject Items(params JsonObject[] items) => new() { ["items"] = new JsonArray(items) };

    public static JsonObject Event(string type, string userId, string itemId, string? id = null, string? sessionId = null)
    {
        var e = new JsonObject { ["type"] = type, ["userId"] = userId, ["itemId"] = itemId };
        if (id is not null) e["id"] = id;
        if (sessionId is not null) e["sessionId"] = sessionId;
        return e;
    }

    public static JsonObject Events(params JsonObject[] events) => new() { ["events"] = new JsonArray(events) };

    public static JsonObject Rerank(string userId, params string[] candidates) => new()
    {
        ["userId"] = userId,
        ["candidates"] = new JsonArray([.. candidates.Select(c => (JsonNode)new JsonObject { ["id"] = c })]),
    };

    /// <summary>The ids of a rerank answer, in rank order.</summary>
    public static string[] RankedIds(JsonNode rerankAnswer) =>
        [.. rerankAnswer["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
