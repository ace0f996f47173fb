using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LiveRank.Server.Hosting;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LiveRank.Server.Tests;

/// <summary>
/// Property, over 10,000 generated requests (seed 8) across every endpoint with keys configured: random methods,
/// paths and hostile path spellings, keys (none, invalid, each scope), content types and bodies (valid, malformed,
/// oversize, hostile policies). Asserts: never a 5xx; a request whose key lacks the route's scope never succeeds and
/// never changes state; no rejected request changes state (a digest of the store is compared after each); the server
/// stays healthy; no log line carries a key, a user id or text from a request.
/// </summary>
public sealed class HostileRequestFuzzTests : IAsyncLifetime
{
    private const int Cases = 10_000;
    private const string KnownUser = "known-user-fz";
    private const string LogMarker = "fzsecret"; // in every generated user id, title and text: must never reach a log

    private static readonly string[] Keys = [SecurityTests.RankKey, SecurityTests.IngestKey, SecurityTests.AdminKey];

    private readonly CapturingLoggerProvider _logs = new();
    private LiveRankFactory _factory = null!;
    private HttpClient _client = null!;
    private StoreHost _store = null!;
    private Random _random = null!;
    private int _fresh;

    public ValueTask InitializeAsync()
    {
        _factory = new LiveRankFactory(SecurityTests.Keys(new()
        {
            ["LiveRank:Api:MaxBatch"] = "20",
            ["LiveRank:Api:MaxRequestBodyBytes"] = "65536",
            ["LiveRank:Semantic:Enabled"] = "false", // the property is about the HTTP surface; no encoder needed
        }))
        {
            TestServices = services => services.AddSingleton<ILoggerProvider>(_logs),
        };
        _client = _factory.CreateClient();
        _store = _factory.Services.GetRequiredService<StoreHost>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Send_TenThousandHostileRequests_NoServerErrorNoUnauthorisedEffectStaysHealthy()
    {
        _random = new Random(8);
        await SendOkAsync(HttpMethod.Post, "/v1/items", SecurityTests.IngestKey, ValidBody("/v1/items").ToJsonString());
        await SendOkAsync(HttpMethod.Post, "/v1/events", SecurityTests.IngestKey, """{ "events": [ { "type": "view", "userId": "known-user-fz", "itemId": "fz-item-0", "id": "known-1" } ] }""");
        string digest = Digest();
        int succeeded = 0, denied = 0;

        for (int n = 0; n < Cases; n++)
        {
            var (method, template, path) = Route();
            string? key = Key();
            var (kind, body, contentType) = Body(template);
            using var request = new HttpRequestMessage(method, path);
            if (key is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }

            using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
            int status = (int)response.StatusCode;
            string context = $"case {n}: {method} {path} key={KeyName(key)} body={kind} → {status}";
            Assert.True(status < 500, context);

            var required = Required(method.Method, template);
            bool authorised = required is null || (key is not null && HasScope(key, required));
            string after = Digest();
            if (!authorised)
            {
                Assert.True(status is 401 or 403 or 404 or 405 or 415, $"a request without the {required} scope was not refused: {context}");
                denied++;
            }
            if (status is >= 200 and < 300)
            {
                succeeded++;
                digest = after; // an accepted write may change the store
            }
            else Assert.True(digest == after, $"a rejected request changed the store: {context}");
            if (n % 1000 == 999)
                Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
        }

        Assert.True(succeeded > Cases / 20, $"only {succeeded} requests succeeded; the generator hardly reaches the operations");
        Assert.True(denied > Cases / 4, $"only {denied} requests lacked their scope");
        await SendOkAsync(HttpMethod.Post, "/v1/rerank", SecurityTests.RankKey, """{ "userId": "after", "candidates": [ { "id": "fz-item-0" } ] }""");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/readyz", TestContext.Current.CancellationToken)).StatusCode);
        var leaks = _logs.Messages.Where(m => m.Contains(LogMarker, StringComparison.Ordinal) || Keys.Any(k => m.Contains(k, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, $"request data reached the log: {string.Join(" | ", leaks.Take(3))}");
    }

    private async Task SendOkAsync(HttpMethod method, string path, string key, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", key);
        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    /// <summary>
    /// A digest of the store, cheap enough to take after every request: the state's version (it moves with every applied
    /// event, item upsert and delete), the counts, the known user's events and the model in service.
    /// </summary>
    private string Digest()
    {
        var store = _store.Store;
        var state = store.State;
        return $"{state.Version}/{state.CatalogCount}/{state.UserCount}/{store.Statistics.EventsLogged}/" +
            $"{state.Summarize(KnownUser)?.TotalEvents}/{_factory.Services.GetRequiredService<RankerHolder>().Current.Model}";
    }

    // (method, route template, path). Templates mirror the server's routes; paths include spellings that must not dodge the key check.
    private (HttpMethod Method, string Template, string Path) Route()
    {
        string user = _random.Next(4) == 0 ? KnownUser : $"fz-{LogMarker}-user-{_fresh++}";
        string item = _random.Next(3) == 0 ? "fz-item-0" : $"fz-item-{_random.Next(50)}";
        (string Method, string Template, string Path)[] routes =
        [
            ("POST", "/v1/rerank", "/v1/rerank"), ("POST", "/v1/recommend", "/v1/recommend"), ("POST", "/v1/embeddings", "/v1/embeddings"),
            ("POST", "/v1/items", "/v1/items"), ("POST", "/v1/events", "/v1/events"),
            ("GET", "/v1/items/{id}", $"/v1/items/{item}"), ("DELETE", "/v1/items/{id}", $"/v1/items/{item}"),
            ("GET", "/v1/users/{id}", $"/v1/users/{user}"), ("DELETE", "/v1/users/{id}", $"/v1/users/{user}"),
            ("GET", "/v1/users/{id}/export", $"/v1/users/{user}/export"),
            ("GET", "/v1/models", "/v1/models"), ("POST", "/v1/models/reload", "/v1/models/reload"),
            ("DELETE", "/v1/users/{id}", $"/V1/USERS/{user}"), ("DELETE", "/v1/users/{id}", $"/v1/users/{user}/"),
            ("DELETE", "/v1/items/{id}", $"/v1/Items/{item}?x=1"), ("POST", "/v1/events", "/v1/events/"),
            ("POST", "/v1/models/reload", "/V1/models/RELOAD"), ("GET", "/v1/users/{id}/export", $"/v1/users/{Uri.EscapeDataString(user)}/%65xport"),
            ("GET", "/healthz", "/healthz"), ("GET", "/readyz", "/readyz"), ("GET", "/openapi", "/openapi/v1.json"),
            ("GET", "/metrics", "/metrics"), ("GET", "/demo", "/demo"),
            ("GET", "/v1/demo/users", "/v1/demo/users"), ("GET", "/v1/demo/users/{id}", $"/v1/demo/users/{user}"),
            ("GET", "/v1/demo/candidates", "/v1/demo/candidates"),
            ("ANY", "unknown", "/v1/users/../models/reload"), ("ANY", "unknown", "/v1//rerank"), ("ANY", "unknown", "/v1/admin"),
            ("ANY", "unknown", "/v1/users/%2e%2e/models/reload"), ("ANY", "unknown", "/" + new string('a', 3000)),
            ("ANY", "unknown", $"/v1/users/{user}%0A/export"), ("ANY", "unknown", "/v1/items/%2F..%2F"),
        ];
        var (method, template, path) = routes[_random.Next(routes.Length)];
        // One request in six uses another method than the route's own (often 405, sometimes another operation on the route).
        if (method == "ANY" || _random.Next(6) == 0)
        {
            string[] methods = ["GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"];
            string other = methods[_random.Next(methods.Length)];
            return (new HttpMethod(other), template, path); // Required() judges the (method, route) pair
        }
        return (new HttpMethod(method), template, path);
    }

    private string? Key() => _random.Next(9) switch
    {
        0 => null,
        1 => "",
        2 => "wrong-key-0123456789",
        3 => SecurityTests.AdminKey + " ",
        4 => SecurityTests.AdminKey.ToUpperInvariant(),
        5 => new string('k', 5000),
        _ => Keys[_random.Next(Keys.Length)],
    };

    private static string KeyName(string? key) => key switch
    {
        null => "none",
        SecurityTests.RankKey => "rank",
        SecurityTests.IngestKey => "ingest",
        SecurityTests.AdminKey => "admin",
        _ => "invalid",
    };

    /// <summary>The scope the test expects a route to need (its own table, written independently of the server's).</summary>
    private static string? Required(string method, string template) => (method, template) switch
    {
        (_, "/healthz" or "/readyz" or "/openapi" or "/metrics" or "/demo") => null,
        ("POST", "/v1/rerank" or "/v1/recommend" or "/v1/embeddings") or ("GET", "/v1/items/{id}" or "/v1/models" or "/v1/demo/candidates") => "rank",
        ("POST", "/v1/items" or "/v1/events") or ("DELETE", "/v1/items/{id}") => "ingest",
        _ => "admin", // user data, reload, and anything unknown under /v1 (or not routed at all: then only 404/405 may come back)
    };

    private static bool HasScope(string key, string scope) => (key, scope) switch
    {
        (SecurityTests.RankKey, "rank") or (SecurityTests.IngestKey, "ingest") or (SecurityTests.AdminKey, "admin") => true,
        _ => false,
    };

    private (string Kind, byte[]? Body, string? ContentType) Body(string template)
    {
        switch (_random.Next(10))
        {
            case 0: return ("none", null, null);
            case 1:
            {
                var bytes = new byte[_random.Next(1, 300)];
                _random.NextBytes(bytes);
                return ("random bytes", bytes, "application/json");
            }
            case 2:
            {
                string valid = ValidBody(template).ToJsonString();
                return ("truncated", Encoding.UTF8.GetBytes(valid[.._random.Next(valid.Length)]), "application/json");
            }
            case 3: return ("text/plain", Encoding.UTF8.GetBytes(ValidBody(template).ToJsonString()), "text/plain");
            case 4: return ("oversize", Encoding.UTF8.GetBytes("{\"items\":[" + new string(' ', 70_000) + "]}"), "application/json");
            case 5:
            {
                string[] hostile = ["{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"}],\"policies\":{\"exclude\":[\"attributes.x == " + new string('9', 600) + "\"]}}",
                    "{\"userId\":\"u\",\"candidates\":[{\"id\":\"a\"}],\"policies\":{\"pins\":[{\"itemId\":\"a\",\"position\":-1}],\"diversity\":\"NaN\"}}",
                    "{\"userId\":\"u\",\"policies\":{\"caps\":[{\"field\":\"brand\",\"max\":2147483647,\"within\":2147483647}],\"boost\":[{\"if\":\"price > 1\",\"by\":1e308}]}}",
                    "{\"userId\":\"u\",\"policies\":{\"exclude\":[" + string.Join(",", Enumerable.Repeat("\"brand == x\"", 150)) + "]}}",
                    "{\"userId\":\"u\",\"limit\":1000,\"explain\":true,\"policies\":{\"diversity\":1,\"excludePurchased\":true,\"excludeSeenWithin\":\"10675199.02:48:05.4775807\"}}",
                    new string('[', 5000), "{\"input\":[" + string.Join(",", Enumerable.Repeat("\"x\"", 300)) + "]}",
                    "{\"path\":\"/etc/passwd\"}", "{\"path\":\"../../../../tmp\"}", "{\"events\":[{\"type\":\"view\",\"userId\":\"\\u0000\",\"itemId\":\"a\"}]}"];
                return ("hostile", Encoding.UTF8.GetBytes(hostile[_random.Next(hostile.Length)]), "application/json");
            }
            case 6:
            {
                var body = ValidBody(template);
                body[_random.Next(2) == 0 ? "userId" : "items"] = _random.Next(3) switch { 0 => 5, 1 => new JsonArray(), _ => null };
                return ("wrong type", Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");
            }
            default: return ("valid", Encoding.UTF8.GetBytes(ValidBody(template).ToJsonString()), "application/json");
        }
    }

    private JsonObject ValidBody(string template)
    {
        string user = $"fz-{LogMarker}-user-{_fresh++}";
        switch (template)
        {
            case "/v1/items":
                return new JsonObject { ["items"] = new JsonArray(Enumerable.Range(0, 1 + _random.Next(3)).Select(i => (JsonNode)new JsonObject
                {
                    ["id"] = $"fz-item-{_random.Next(50)}", ["title"] = $"Title {LogMarker} {_fresh++}", ["brand"] = "B" + _random.Next(3),
                    ["categories"] = new JsonArray("c" + _random.Next(3)), ["attributes"] = new JsonObject { ["stock"] = _random.Next(3) },
                }).ToArray()) };
            case "/v1/events":
                return new JsonObject { ["events"] = new JsonArray(Enumerable.Range(0, 1 + _random.Next(3)).Select(i => (JsonNode)new JsonObject
                {
                    ["type"] = _random.Next(2) == 0 ? "view" : "purchase", ["userId"] = user, ["itemId"] = $"fz-item-{_random.Next(50)}",
                }).ToArray()) };
            case "/v1/recommend":
                return new JsonObject { ["userId"] = user, ["limit"] = 1 + _random.Next(20), ["explain"] = _random.Next(2) == 0, ["policies"] = Policies() };
            case "/v1/embeddings":
                return new JsonObject { ["input"] = $"text {LogMarker}" };
            case "/v1/models/reload":
                return new JsonObject { ["path"] = _random.Next(2) == 0 ? "missing.lrmodel" : "/dev/null" };
            default:
                return new JsonObject
                {
                    ["userId"] = _random.Next(3) == 0 ? KnownUser : user,
                    ["candidates"] = new JsonArray(Enumerable.Range(0, 1 + _random.Next(8)).Select(i => (JsonNode)new JsonObject { ["id"] = $"fz-item-{i * 3}" }).ToArray()),
                    ["explain"] = _random.Next(2) == 0,
                    ["policies"] = Policies(),
                };
        }
    }

    private JsonObject? Policies() => _random.Next(3) switch
    {
        0 => null,
        1 => new JsonObject { ["exclude"] = new JsonArray("attributes.stock == 0"), ["diversity"] = 0.5, ["excludePurchased"] = true },
        _ => new JsonObject
        {
            ["bury"] = new JsonArray("brand == B1"), ["boost"] = new JsonArray(new JsonObject { ["if"] = "category == c2", ["by"] = 0.3 }),
            ["caps"] = new JsonArray(new JsonObject { ["field"] = "category", ["max"] = 1 }),
            ["pins"] = new JsonArray(new JsonObject { ["itemId"] = "fz-item-9", ["position"] = 1 }),
        },
    };

    /// <summary>Keeps every formatted log message at the levels configuration lets through.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
        }
    }
}
