using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveRank.Domain;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// A running LiveRank server over its v1 HTTP API: <c>POST /v1/items</c> (with <c>"wait": true</c>),
/// <c>POST /v1/events</c>, <c>POST /v1/rerank</c>, <c>GET /v1/users/{id}</c> and <c>GET /readyz</c>.
/// The wire shapes are the contract's (camelCase JSON), declared here so that the evaluation needs no server reference.
/// </summary>
public sealed class HttpRankingService : IRankingService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _client;
    private readonly bool _ownsClient;

    /// <param name="baseAddress">The server, e.g. <c>http://127.0.0.1:5000</c>.</param>
    public HttpRankingService(Uri baseAddress)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) }, ownsClient: true)
    {
    }

    public HttpRankingService(HttpClient client, bool ownsClient = false)
    {
        _client = client;
        _ownsClient = ownsClient;
    }

    public string Kind => "http";

    public async Task UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        var body = new ItemsBody([.. items.Select(ToWire)], Wait: true);
        using var response = await _client.PostAsJsonAsync("/v1/items", body, Json, cancellationToken);
        await EnsureSuccessAsync(response, "POST /v1/items", cancellationToken);
    }

    public async Task AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        var body = new EventsBody([.. events.Select(ToWire)]);
        using var response = await _client.PostAsJsonAsync("/v1/events", body, Json, cancellationToken);
        await EnsureSuccessAsync(response, "POST /v1/events", cancellationToken);
    }

    public async Task<bool> WaitUntilReadyAsync(int items, TimeSpan timeout, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? lastLine = null;
        while (true)
        {
            using var response = await _client.GetAsync("/readyz", cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                await EnsureSuccessAsync(response, "GET /readyz", cancellationToken);
                var ready = await response.Content.ReadFromJsonAsync<ReadyWire>(Json, cancellationToken)
                    ?? throw new InvalidOperationException("GET /readyz answered an empty body.");
                // Without the semantic state the server reports no vectors: nothing to wait for.
                if (ready.ItemVectors is null) return true;
                if (ready.ItemVectors >= items && ready.EncodeQueue is null or 0) return true;
                if (lastLine is null || clock.Elapsed - lastLine.Value >= TimeSpan.FromSeconds(5))
                {
                    lastLine = clock.Elapsed;
                    progress?.Invoke($"waiting for item vectors: {ready.ItemVectors:N0}/{items:N0}, encode queue {ready.EncodeQueue ?? 0:N0}");
                }
            }
            if (clock.Elapsed >= timeout) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<string>> RankAsync(string userId, string? sessionId, IReadOnlyList<string> candidates,
        CancellationToken cancellationToken = default)
    {
        // Equal upstream scores: a sampled list has no upstream order worth keeping, so the upstream term is neutral.
        var body = new RerankBody(userId, sessionId, [.. candidates.Select(id => new CandidateWire(id, 0))]);
        using var response = await _client.PostAsJsonAsync("/v1/rerank", body, Json, cancellationToken);
        await EnsureSuccessAsync(response, "POST /v1/rerank", cancellationToken);
        var ranked = await response.Content.ReadFromJsonAsync<RerankWire>(Json, cancellationToken)
            ?? throw new InvalidOperationException("POST /v1/rerank answered an empty body.");
        return [.. ranked.Items.Select(i => i.Id)];
    }

    public async Task<bool> IsVisibleAsync(UserEvent e, CancellationToken cancellationToken = default)
    {
        using var response = await _client.GetAsync($"/v1/users/{Uri.EscapeDataString(e.UserId)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, "GET /v1/users", cancellationToken);
        var user = await response.Content.ReadFromJsonAsync<UserWire>(Json, cancellationToken);
        return user?.RecentEvents?.Any(r => r.ItemId == e.ItemId && string.Equals(r.Type, e.Type, StringComparison.OrdinalIgnoreCase)) == true;
    }

    public ValueTask DisposeAsync()
    {
        if (_ownsClient) _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string call, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        string detail = await response.Content.ReadAsStringAsync(cancellationToken);
        if (detail.Length > 500) detail = detail[..500] + "…";
        throw new HttpRequestException($"{call} answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}", null, response.StatusCode);
    }

    private static ItemWire ToWire(Item item) =>
        new(item.Id, item.Title, item.Description, item.Categories.Count == 0 ? null : item.Categories, item.Price, item.Currency,
            item.Brand, item.Tags.Count == 0 ? null : item.Tags);

    private static EventWire ToWire(UserEvent e) =>
        new(e.HasClientId ? e.Id : null, e.Type, e.UserId, e.SessionId, e.ItemId, e.Timestamp, e.Value, e.RequestId);

    private sealed record ItemWire(string Id, string Title, string? Description, IReadOnlyList<string>? Categories, double? Price,
        string? Currency, string? Brand, IReadOnlyList<string>? Tags);

    private sealed record ItemsBody(List<ItemWire> Items, bool Wait);

    private sealed record EventWire(string? Id, string Type, string UserId, string? SessionId, string ItemId, DateTimeOffset Timestamp,
        double? Value, string? RequestId);

    private sealed record EventsBody(List<EventWire> Events);

    private sealed record CandidateWire(string Id, double Score);

    private sealed record RerankBody(string UserId, string? SessionId, List<CandidateWire> Candidates);

    private sealed record RankedWire(string Id, float Score, int Rank);

    private sealed record RerankWire(List<RankedWire> Items);

    private sealed record ReadyWire(string? Status, int Items, int? ItemVectors, int? EncodeQueue);

    private sealed record RecentWire(string Type, string ItemId);

    private sealed record UserWire(string UserId, List<RecentWire>? RecentEvents);
}
