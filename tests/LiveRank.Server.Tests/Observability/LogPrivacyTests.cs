using System.Collections.Concurrent;
using LiveRank.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Observability;

/// <summary>Logs carry no personal data: with LiveRank's own categories at Debug, no user id, item id or payload is written.</summary>
public sealed class LogPrivacyTests : IAsyncDisposable
{
    private const string User = "private-user-91c2";
    private const string ItemId = "private-item-5d7e";
    private const string Title = "Private Title 3b8a";

    private readonly CapturingLoggerProvider _logs = new();
    private readonly LiveRankFactory _factory;

    public LogPrivacyTests()
    {
        _factory = new LiveRankFactory(new Dictionary<string, string?>
        {
            ["LiveRank:Semantic:Enabled"] = "false",
            ["Logging:LogLevel:LiveRank"] = "Debug",
        })
        { TestServices = services => services.AddSingleton<ILoggerProvider>(_logs) };
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Traffic_IncludingRejectedRequestsAndForget_LogsNoIdsOrPayloads()
    {
        var client = _factory.CreateClient();
        await PostOkAsync(client, "/v1/items", Items(Item(ItemId, Title, "genre")));
        await PostOkAsync(client, "/v1/events", Events(Event("click", User, ItemId)));
        await PostOkAsync(client, "/v1/rerank", Rerank(User, ItemId, "other"));
        using (await PostAsync(client, "/v1/events", $$"""{ "events": [ { "type": "nope", "userId": "{{User}}", "itemId": "{{ItemId}}" } ] }""")) { }
        using (await PostAsync(client, "/v1/rerank", $$"""{ "userId": "{{User}}", "candidates": [ {"id": "{{ItemId}}" """)) { }
        await GetOkAsync(client, $"/v1/users/{User}");
        await GetOkAsync(client, $"/v1/demo/users/{User}");
        using (await client.DeleteAsync($"/v1/users/{User}", Ct)) { }

        Assert.NotEmpty(_logs.Lines); // the store's start-up lines at least: the capture works
        foreach (string line in _logs.Lines)
        {
            Assert.DoesNotContain(User, line, StringComparison.Ordinal);
            Assert.DoesNotContain(ItemId, line, StringComparison.Ordinal);
            Assert.DoesNotContain(Title, line, StringComparison.Ordinal);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
