using System.Net;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>API keys with scopes, per-key rate limits and CORS (LiveRank:Security).</summary>
public sealed class SecurityTests
{
    public const string RankKey = "rank-key-0123456789";
    public const string IngestKey = "ingest-key-0123456789";
    public const string AdminKey = "admin-key-0123456789";

    public static Dictionary<string, string?> Keys(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LiveRank:Security:ApiKeys:0:Key"] = RankKey,
            ["LiveRank:Security:ApiKeys:0:Scopes:0"] = "rank",
            ["LiveRank:Security:ApiKeys:1:Key"] = IngestKey,
            ["LiveRank:Security:ApiKeys:1:Scopes:0"] = "ingest",
            ["LiveRank:Security:ApiKeys:2:Key"] = AdminKey,
            ["LiveRank:Security:ApiKeys:2:Scopes:0"] = "admin",
            ["LiveRank:Security:ApiKeys:2:Name"] = "operator",
        };
        foreach (var (k, v) in more ?? []) settings[k] = v;
        return settings;
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, HttpMethod method, string path, string? key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        if (json is not null) request.Content = Json(json);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    [Fact]
    public async Task Keys_EachEndpoint_NeedsItsScope()
    {
        await using var factory = new LiveRankFactory(Keys());
        using var client = factory.CreateClient();
        const string rerank = """{ "userId": "u1", "candidates": [ { "id": "a" } ] }""";
        const string events = """{ "events": [ { "type": "view", "userId": "u1", "itemId": "a" } ] }""";

        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Post, "/v1/rerank", null, rerank));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Post, "/v1/rerank", "not-a-key-at-all-xx", rerank));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Post, "/v1/rerank", RankKey, rerank));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Post, "/v1/rerank", IngestKey, rerank));

        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Post, "/v1/events", RankKey, events));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Post, "/v1/events", IngestKey, events));

        // Personal data and operations: admin only, whatever the spelling of the path.
        foreach (string key in new[] { RankKey, IngestKey })
        {
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Get, "/v1/users/u1", key));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Get, "/v1/users/u1/export", key));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Delete, "/v1/users/u1", key));
            Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(client, HttpMethod.Post, "/v1/models/reload", key, "{}"));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Delete, "/V1/Users/u1", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await SendAsync(client, HttpMethod.Delete, "/v1/users/u1/", null));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/v1/users/u1", AdminKey));
        Assert.Equal(HttpStatusCode.NoContent, await SendAsync(client, HttpMethod.Delete, "/v1/users/u1", AdminKey));

        // Open without a key.
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/healthz", null));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/readyz", null));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/openapi/v1.json", null));
    }

    [Fact]
    public async Task Keys_Unauthorized_ProblemDetailsWithChallenge()
    {
        await using var factory = new LiveRankFactory(Keys());
        using var client = factory.CreateClient();

        using var response = await PostAsync(client, "/v1/recommend", """{ "userId": "u1" }""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem["detail"]!.GetValue<string>());
        Assert.Contains("X-Api-Key", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task RateLimit_KeyOverItsBurst_429WithRetryAfterOtherKeysUnaffected()
    {
        await using var factory = new LiveRankFactory(Keys(new()
        {
            ["LiveRank:Security:RateLimit:PermitsPerSecond"] = "1",
            ["LiveRank:Security:RateLimit:Burst"] = "5",
        }));
        using var client = factory.CreateClient();
        const string rerank = """{ "userId": "u1", "candidates": [ { "id": "a" } ] }""";

        HttpResponseMessage? limited = null;
        // 5 + (seconds elapsed) requests can pass; 60 in a row cannot all pass unless they took a minute.
        for (int i = 0; i < 60 && limited is null; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/rerank") { Content = Json(rerank) };
            request.Headers.Add("X-Api-Key", RankKey);
            var response = await client.SendAsync(request, Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "Retry-After in seconds");
            await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        }
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Post, "/v1/events", IngestKey, """{ "events": [ { "type": "view", "userId": "u1", "itemId": "a" } ] }"""));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(client, HttpMethod.Get, "/healthz", null));
    }

    [Fact]
    public async Task Cors_OffByDefault_AllowListWhenConfigured()
    {
        static HttpRequestMessage Preflight()
        {
            var request = new HttpRequestMessage(HttpMethod.Options, "/v1/rerank");
            request.Headers.Add("Origin", "https://shop.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            return request;
        }

        await using (var factory = new LiveRankFactory())
        {
            using var client = factory.CreateClient();
            using var response = await client.SendAsync(Preflight(), Ct);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
        await using (var factory = new LiveRankFactory(new Dictionary<string, string?> { ["LiveRank:Security:Cors:AllowedOrigins:0"] = "https://shop.example" }))
        {
            using var client = factory.CreateClient();
            using var response = await client.SendAsync(Preflight(), Ct);
            Assert.Equal("https://shop.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        }
    }

    [Fact]
    public async Task Start_NoKeys_WarnsOfDevelopmentModeKeysNeverLogged()
    {
        var open = new LogCapture();
        await using (var factory = new LiveRankFactory { TestServices = s => s.AddSingleton<ILoggerProvider>(open) })
            factory.CreateClient().Dispose();
        var keyed = new LogCapture();
        await using (var factory = new LiveRankFactory(Keys()) { TestServices = s => s.AddSingleton<ILoggerProvider>(keyed) })
            factory.CreateClient().Dispose();

        Assert.Contains(open.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("LOCAL DEVELOPMENT MODE", StringComparison.Ordinal));
        Assert.DoesNotContain(keyed.Entries, e => e.Message.Contains("LOCAL DEVELOPMENT MODE", StringComparison.Ordinal));
        Assert.Contains(keyed.Entries, e => e.Message.Contains("3 configured", StringComparison.Ordinal));
        Assert.DoesNotContain(keyed.Entries, e => e.Message.Contains(AdminKey, StringComparison.Ordinal));
    }

    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }

    [Theory]
    [InlineData("LiveRank:Security:ApiKeys:0:Key", "short")]
    [InlineData("LiveRank:Security:ApiKeys:0:Scopes:0", "superuser")]
    [InlineData("LiveRank:Security:Cors:AllowedOrigins:0", "*")]
    public async Task Start_InvalidSecurityConfiguration_Refused(string key, string value)
    {
        var settings = Keys();
        settings[key] = value;
        await using var factory = new LiveRankFactory(settings);

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.IsType<OptionsValidationException>(error.GetBaseException() as OptionsValidationException ?? error);
    }
}
