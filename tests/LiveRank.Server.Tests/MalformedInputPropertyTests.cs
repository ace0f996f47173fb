using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>
/// Property: whatever bytes arrive, the server never answers 5xx, every refusal is a problem document, and a refused
/// request leaves the store exactly as it was (no half-applied batch). 1,200 generated payloads, seed 42.
/// </summary>
public sealed class MalformedInputPropertyTests : ServerTest
{
    private const int Cases = 1200;
    private const string KnownUser = "known-user";
    private static readonly string[] Paths = ["/v1/items", "/v1/events", "/v1/rerank"];

    // Raw JSON fragments that JsonNode cannot carry: spliced in for a placeholder string after serialisation.
    private static readonly string[] RawFragments =
    [
        "1e400", "-1e400", "123456789012345678901234567890", "-0", "0.0000000000000000000000000001", "9223372036854775808",
        "\"\\ud800\"", "\"\\udc00x\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"\u0000\"", "\"\\u0000\"",
        new string('[', 100) + new string(']', 100), new string('[', 1000) + new string(']', 1000),
        string.Concat(Enumerable.Repeat("{\"a\":", 80)) + "1" + new string('}', 80),
        "\"" + new string('x', 300) + "\"", "\"" + new string('\u00e9', 5000) + "\"", "[]", "{}", "true", "null",
    ];

    private Random _random = null!;
    private int _fresh;

    public MalformedInputPropertyTests()
        : base(new Dictionary<string, string?> { ["LiveRank:Api:MaxBatch"] = "20" })
    {
    }

    [Fact]
    public async Task Post_RandomMalformedPayloads_NeverFailsServerSideAndNeverChangesStateOnRejection()
    {
        _random = new Random(42);
        await PostOkAsync(Client, "/v1/items", Items(Item("known-1", "Known one", "k"), Item("known-2", "Known two", "k")));
        await PostOkAsync(Client, "/v1/events", Events(Event("view", KnownUser, "known-1", id: "k-1"), Event("click", KnownUser, "known-2", id: "k-2")));
        string baseline = await StateAsync();
        string knownUser = await KnownUserAsync();
        int rejected = 0;

        for (int n = 0; n < Cases; n++)
        {
            string path = Paths[_random.Next(Paths.Length)];
            var (kind, body) = Generate(path);

            using var response = await PostBytesAsync(Client, path, body);
            int status = (int)response.StatusCode;
            string answer = await response.Content.ReadAsStringAsync(Ct);
            string context = $"case {n} ({kind}) POST {path} → {status}\nbody: {Preview(body)}\nanswer: {Preview(Encoding.UTF8.GetBytes(answer))}";

            Assert.True(status < 500, context);
            if (status is >= 200 and < 300)
            {
                baseline = await StateAsync(); // a mutation can stay valid; it may change counts, never the known user
            }
            else
            {
                rejected++;
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", context);
                Assert.True(JsonNode.Parse(answer)?["status"]?.GetValue<int>() == status, context);
                Assert.True(baseline == await StateAsync(), $"store counts changed after a rejected request: {context}");
            }
            Assert.True(knownUser == await KnownUserAsync(), $"the known user changed: {context}");
        }

        Assert.True(rejected > Cases * 3 / 4, $"only {rejected} of {Cases} payloads were rejected; the generator is too gentle");
    }

    private async Task<string> StateAsync()
    {
        var ready = await GetOkAsync(Client, "/readyz");
        return $"{ready["items"]}/{ready["users"]}/{ready["eventsLogged"]}";
    }

    private async Task<string> KnownUserAsync() => (await GetOkAsync(Client, $"/v1/users/{KnownUser}")).ToJsonString();

    private (string Kind, byte[] Body) Generate(string path)
    {
        switch (_random.Next(8))
        {
            case 0:
            {
                var bytes = new byte[_random.Next(0, 200)];
                _random.NextBytes(bytes);
                return ("random bytes", bytes);
            }
            case 1:
            {
                string valid = ValidBody(path).ToJsonString();
                return ("truncated", Encoding.UTF8.GetBytes(valid[..Math.Max(0, _random.Next(valid.Length))]));
            }
            case 2:
            {
                byte[] bytes = Encoding.UTF8.GetBytes(ValidBody(path).ToJsonString());
                int flips = 1 + _random.Next(3);
                for (int i = 0; i < flips; i++) bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                return ("byte flips", bytes);
            }
            case 3:
                return ("field deleted", Encoding.UTF8.GetBytes(Mutate(path, Delete)));
            case 4:
                return ("wrong type", Encoding.UTF8.GetBytes(Mutate(path, node => Replace(node, WrongValue()))));
            case 5:
            {
                string fragment = RawFragments[_random.Next(RawFragments.Length)];
                string json = Mutate(path, node => Replace(node, JsonValue.Create("__RAW__")));
                return ("raw fragment", Encoding.UTF8.GetBytes(json.Replace("\"__RAW__\"", fragment, StringComparison.Ordinal)));
            }
            case 6:
                return ("bad value", Encoding.UTF8.GetBytes(Mutate(path, node => Replace(node, BadValue(node)))));
            default:
            {
                string[] structural = ["", "null", "[]", "\"text\"", "42", "{", "}", "{\"items\":", "{\"events\":[null]}",
                    "{\"candidates\":[null],\"userId\":\"u\"}", "{\"items\":[{}]}", "{\"events\":[{}]}", "{\"userId\":\"u\",\"candidates\":[{}]}",
                    "{\"items\":null}", "{} {}", "{\"userId\":\"u\",\"userId\":5}", "\uFEFF{}", "/* c */ {}", "{\"a\":1,}"];
                return ("structural", Encoding.UTF8.GetBytes(structural[_random.Next(structural.Length)]));
            }
        }
    }

    /// <summary>A valid body with rows for fresh ids (so a mutation that stays valid never touches the known user).</summary>
    private JsonObject ValidBody(string path)
    {
        int rows = 1 + _random.Next(4);
        switch (path)
        {
            case "/v1/items":
            {
                var items = new JsonObject[rows];
                for (int i = 0; i < rows; i++)
                {
                    var item = Item($"fz-item-{_fresh++}", "Fuzz item", "c1", "c2");
                    item["price"] = 9.99;
                    item["currency"] = "USD";
                    item["tags"] = new JsonArray("t");
                    item["attributes"] = new JsonObject { ["n"] = 1, ["s"] = "x" };
                    item["createdAt"] = "2024-01-01T00:00:00Z";
                    items[i] = item;
                }
                return Items(items);
            }
            case "/v1/events":
            {
                var events = new JsonObject[rows];
                for (int i = 0; i < rows; i++)
                {
                    var e = Event("rating", $"fz-user-{_fresh++}", "known-1", id: $"fz-ev-{_fresh++}", sessionId: "s");
                    e["timestamp"] = 1_700_000_000 + _random.Next(1000);
                    e["value"] = 4.5;
                    e["requestId"] = "r";
                    events[i] = e;
                }
                return Events(events);
            }
            default:
            {
                var request = Rerank($"fz-user-{_fresh++}", [.. Enumerable.Range(0, rows + 1).Select(i => $"cand-{i}")]);
                request["candidates"]![0]!["score"] = 0.5;
                request["limit"] = 2;
                request["explain"] = true;
                request["sessionId"] = "s";
                return request;
            }
        }
    }

    /// <summary>Serialises a valid body after applying <paramref name="mutation"/> to one node picked at random.</summary>
    private string Mutate(string path, Action<JsonNode> mutation)
    {
        var root = ValidBody(path);
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        // Bias towards later nodes, so that the last row of a batch is often the bad one (earlier rows valid).
        var target = nodes[nodes.Count - 1 - (int)(Math.Pow(_random.NextDouble(), 2) * nodes.Count)];
        mutation(target);
        return root.ToJsonString();
    }

    private static void Collect(JsonNode node, List<JsonNode> nodes)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, child) in o) if (child is not null) { nodes.Add(child); Collect(child, nodes); }
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) { nodes.Add(child); Collect(child, nodes); }
                break;
        }
    }

    private static void Delete(JsonNode node)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o.Remove(node.GetPropertyName());
                break;
            case JsonArray a:
                a.Remove(node);
                break;
        }
    }

    private static void Replace(JsonNode node, JsonNode? value)
    {
        switch (node.Parent)
        {
            case JsonObject o:
                o[node.GetPropertyName()] = value;
                break;
            case JsonArray a:
                a[node.GetElementIndex()] = value;
                break;
        }
    }

    private JsonNode? WrongValue() => _random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(-5, 5)),
        2 => JsonValue.Create(true),
        3 => new JsonArray(1, "two"),
        4 => new JsonObject { ["x"] = 1 },
        5 => JsonValue.Create(""),
        _ => JsonValue.Create(_random.NextDouble() * 1e12),
    };

    /// <summary>A value of the right JSON kind that breaks a rule: negative, empty, control characters, far future, huge.</summary>
    private JsonNode? BadValue(JsonNode node)
    {
        if (node is JsonValue v && v.TryGetValue(out string? _))
        {
            string[] strings = ["", " ", "\t", "a\u0001b", new string('i', 257), "teleport", "2999-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
                "1969-12-31T23:59:59Z", "not-a-date", "\u200b"];
            return JsonValue.Create(strings[_random.Next(strings.Length)]);
        }
        double[] numbers = [-1, -0.5, 0, 1e15, -1e15, 32_503_680_000, 253_402_300_800, double.MaxValue, double.MinValue, double.Epsilon];
        return JsonValue.Create(numbers[_random.Next(numbers.Length)]);
    }

    private static string Preview(byte[] body)
    {
        string text = Encoding.UTF8.GetString(body);
        return text.Length <= 300 ? text : text[..300] + $"… ({body.Length} bytes)";
    }
}
