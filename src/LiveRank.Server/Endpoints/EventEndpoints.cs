using LiveRank.Domain;
using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary><c>POST /v1/events</c>: batch ingest. Accepted events are durable and visible to the next ranking when the call returns.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/events", IngestAsync).WithTags("Events").Accepts<EventsRequest>("application/json")
            .Produces<EventsResponse>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Ingest up to 10,000 events. A batch with any invalid event is rejected whole; re-posted ids are counted as duplicates.");
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext context, StoreHost host, IOptions<ApiOptions> options, TimeProvider clock, LearningHost learning)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.EventsRequest, limits.MaxRequestBodyBytes);
        if (problem is not null) return problem;
        var dtos = body!.Events;
        if (dtos is null || dtos.Count == 0)
        {
            var missing = new ValidationErrors();
            missing.Add("events", "must hold at least one event.");
            return Problems.Invalid(missing, "No events to ingest.");
        }
        if (dtos.Count > limits.MaxBatch)
            return Problems.TooLarge($"The batch holds {dtos.Count} events; the limit is {limits.MaxBatch} per call.");

        var store = host.Store;
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var events = new List<UserEvent>(dtos.Count);
        for (int i = 0; i < dtos.Count; i++)
        {
            var e = EventValidator.Validate(dtos[i], $"events[{i}]", now, limits.MaxFutureSkew, store.State.Types, errors);
            if (e is not null) events.Add(e);
        }
        if (errors.Any) return Problems.Invalid(errors, $"{errors.Count} problem(s) in the batch; nothing was stored.");

        var result = await store.AppendEventsAsync(events, context.RequestAborted);
        learning.Observe(events);
        return TypedResults.Ok(new EventsResponse(result.Accepted, result.Duplicates));
    }
}
