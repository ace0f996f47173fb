using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LiveRank.Server.Observability;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests.Observability;

// Meters are found by name process-wide: run apart from the other server tests so that their traffic cannot add to the
// values asserted here.
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

[Collection(nameof(MetricsCollection))]
public sealed class MetricsEndpointTests() : ServerTest(new Dictionary<string, string?> { ["LiveRank:Semantic:Enabled"] = "false" })
{
    private const string User = "metrics-user-7f3a";

    [Fact]
    public async Task Metrics_AfterTraffic_ExposesRankLatencyEventsModelAndRequestSeries()
    {
        await PostOkAsync(Client, "/v1/items", Items(Item("mx1", "Kettle", "kitchen"), Item("mx2", "Toaster", "kitchen"), Item("mx3", "Lamp", "home")));
        await PostOkAsync(Client, "/v1/events", Events(Event("view", User, "mx1"), Event("click", User, "mx2"), Event("view", "other", "mx3")));
        for (int i = 0; i < 3; i++) await PostOkAsync(Client, "/v1/rerank", Rerank(User, "mx1", "mx2", "mx3"));
        for (int i = 0; i < 2; i++) await PostOkAsync(Client, "/v1/recommend", new System.Text.Json.Nodes.JsonObject { ["userId"] = User });
        using (var refused = await PostAsync(Client, "/v1/rerank", """{ "userId": "", "candidates": [] }"""))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);

        using var response = await Client.GetAsync("/metrics", Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);

        Assert.Equal(3, Value(text, "liverank_rank_duration_seconds_count", ("endpoint", "rerank"), ("outcome", "ok")));
        Assert.Equal(2, Value(text, "liverank_rank_duration_seconds_count", ("endpoint", "recommend"), ("outcome", "ok")));
        Assert.Equal(1, Value(text, "liverank_rank_duration_seconds_count", ("endpoint", "rerank"), ("outcome", "refused")));
        Assert.Equal(3, Value(text, "liverank_rank_duration_seconds_bucket", ("endpoint", "rerank"), ("outcome", "ok"), ("le", "+Inf")));
        Assert.InRange(Value(text, "liverank_rank_duration_seconds_sum", ("endpoint", "rerank"), ("outcome", "ok")), 1e-7, 30);
        Assert.Equal(3, Value(text, "liverank_events_ingested_total"));
        Assert.Equal(1, Value(text, "liverank_model_info", ("model", "heuristic-v2")));
        Assert.Equal(0, Value(text, "liverank_encoder_queue"));
        Assert.Equal(0, Value(text, "liverank_degraded", ("reason", "store_opening")));
        Assert.Equal(0, Value(text, "liverank_degraded", ("reason", "encoder_unavailable")));
        // ASP.NET Core's own request metrics, by route template.
        Assert.Equal(3, Value(text, "http_server_request_duration_seconds_count", ("http_route", "/v1/rerank"), ("http_response_status_code", "200")));
        Assert.Equal(1, Value(text, "http_server_request_duration_seconds_count", ("http_route", "/v1/rerank"), ("http_response_status_code", "422")));

        // No personal data: the user id appears nowhere, not even in a route label.
        Assert.DoesNotContain(User, text, StringComparison.Ordinal);
        Assert.DoesNotContain("mx1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_StoreFailureReachingARequest_IsCountedAsStoreError()
    {
        Assert.True(StoreErrorCounter.IsStoreFailure(new IOException("disk full")));
        Assert.True(StoreErrorCounter.IsStoreFailure(new InvalidOperationException("wrapped", new IOException("disk full"))));
        Assert.False(StoreErrorCounter.IsStoreFailure(new InvalidOperationException("not the store")));

        var metrics = Factory.Services.GetService(typeof(LiveRankMetrics)) as LiveRankMetrics;
        Assert.NotNull(metrics);
        metrics.RecordStoreError("IOException");
        string text = await Client.GetStringAsync("/metrics", Ct);
        Assert.Equal(1, Value(text, "liverank_store_errors_total", ("kind", "IOException")));
    }

    /// <summary>The value of the one sample of <paramref name="series"/> whose labels include <paramref name="labels"/>.</summary>
    private static double Value(string exposition, string series, params (string Name, string Value)[] labels)
    {
        var matches = new List<double>();
        foreach (string line in exposition.Split('\n'))
        {
            var m = Regex.Match(line, @"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)");
            if (!m.Success || m.Groups[1].Value != series) continue;
            string labelText = m.Groups[3].Value;
            if (labels.All(l => labelText.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
                matches.Add(double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture));
        }
        Assert.True(matches.Count == 1, $"{matches.Count} samples of {series} with {string.Join(",", labels)} in:\n{exposition}");
        return matches[0];
    }
}
