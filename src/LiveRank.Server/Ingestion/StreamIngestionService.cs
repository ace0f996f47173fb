using System.Text.Json;
using LiveRank.Domain;
using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using LiveRank.Storage.Redis;
using LiveRank.Storage.Redis.Ingestion;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Ingestion;

/// <summary>
/// Runs the Redis stream consumer (<see cref="RedisIngestConsumer"/>) when <c>LiveRank:Ingestion:Enabled</c> is set and
/// the store is <c>redis://</c>. A message's <c>event</c> field holds one event in the JSON shape of <c>POST /v1/events</c>,
/// validated by the same rules; an event without an <c>id</c> takes <c>stream:&lt;message id&gt;</c>, so a redelivered
/// message is a duplicate.
/// </summary>
public sealed class StreamIngestionService(StoreHost host, IOptions<IngestConsumerOptions> options, IOptions<ApiOptions> api,
    TimeProvider clock, ILogger<StreamIngestionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        while (!host.IsReady) await Task.Delay(100, stoppingToken); // the store opens before the server listens; usually ready at once
        if (host.Store is not RedisStateStore store)
        {
            logger.LogWarning("LiveRank:Ingestion:Enabled needs a redis:// store; streaming ingestion is off.");
            return;
        }
        var types = store.State.Types;
        var skew = api.Value.MaxFutureSkew;
        UserEvent? Decode(string messageId, ReadOnlySpan<byte> payload, out string? error)
        {
            EventDto? dto;
            try
            {
                dto = JsonSerializer.Deserialize(payload, ApiJsonContext.Default.EventDto);
            }
            catch (JsonException ex)
            {
                error = "Malformed JSON: " + ex.Message;
                return null;
            }
            var errors = new ValidationErrors();
            var e = EventValidator.Validate(dto, "event", clock.GetUtcNow(), skew, types, errors);
            if (e is null)
            {
                error = string.Join(" ", errors.ToDictionary().Select(p => $"{p.Key} {string.Join(" ", p.Value)}"));
                return null;
            }
            error = null;
            return e.HasClientId ? e : e with { Id = "stream:" + messageId, HasClientId = true };
        }
        await using var consumer = new RedisIngestConsumer(store, Decode, options.Value);
        logger.LogInformation("Consuming events from the Redis stream {Stream} (group {Group}).", store.IngestStream, options.Value.Group);
        await consumer.RunAsync(stoppingToken);
    }
}
