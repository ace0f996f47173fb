using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Text;

namespace LiveRank.Server.Endpoints;

/// <summary><c>/v1/users/{id}</c>: what LiveRank holds about a user, and forgetting it.</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/users").WithTags("Users");
        group.MapGet("/{id}", Get).Produces<UserResponse>().ProducesProblem(404).WithSummary("Counters, sessions, recent events and the behaviour narrative of a user.");
        group.MapGet("/{id}/export", ExportAsync).Produces<UserExportResponse>().ProducesProblem(404)
            .WithSummary("Everything held about a user: state, every stored event, the narrative and the LM profile vectors (admin scope when keys are configured).");
        group.MapDelete("/{id}", ForgetAsync).Produces(204)
            .WithSummary("Forget a user: real-time state and every stored event are erased from memory and disk before the answer.");
        return app;
    }

    private static async Task<IResult> Get(string id, StoreHost host, NarrativeRenderer narrative, CancellationToken cancellationToken)
    {
        await host.Store.CatchUpAsync(cancellationToken); // another replica's writes (or erasure) first; stale if the store is away
        return Summary(id, host, narrative) is { } user ? TypedResults.Ok(user) : TypedResults.Problem($"No user '{id}'.", statusCode: 404, title: "Not found");
    }

    private static UserResponse? Summary(string id, StoreHost host, NarrativeRenderer narrative)
    {
        var state = host.Store.State;
        var summary = state.Summarize(id);
        if (summary is null) return null;
        var recent = summary.RecentEvents.Select(e => new RecentEventDto(e.Type, e.ItemId, e.Timestamp, e.Value, e.StartsSession)).ToList();
        return new UserResponse(summary.UserId, summary.TotalEvents, summary.EventCounts, summary.Sessions,
            summary.LastEventAt, recent, narrative.Render(state, id));
    }

    // Goes through IStateStore, so every store answers it; the embedded store reads its whole log for the events.
    private static async Task<IResult> ExportAsync(string id, StoreHost host, NarrativeRenderer narrative, TimeProvider clock, CancellationToken cancellationToken)
    {
        var store = host.Store;
        await store.CatchUpAsync(cancellationToken); // writes acknowledged by other replicas first
        var events = await store.ExportUserEventsAsync(id, cancellationToken);
        var summary = Summary(id, host, narrative);
        if (summary is null && events.Count == 0) return TypedResults.Problem($"No user '{id}'.", statusCode: 404, title: "Not found");
        var exported = events.Select(e => new ExportedEventDto(e.HasClientId ? e.Id : null, e.Type, e.ItemId, e.SessionId, e.Timestamp, e.Value, e.RequestId)).ToList();
        return TypedResults.Ok(new UserExportResponse(id, clock.GetUtcNow(), store.Statistics.Kind, summary, exported, Vectors(store.State, id)));
    }

    private static UserVectorsDto? Vectors(LiveRank.State.LiveState state, string id)
    {
        if (state.Semantic is not { } semantic) return null;
        int d = semantic.Dimension;
        float[] session = new float[d], longTerm = new float[d], narrative = new float[d];
        var parts = state.CopyProfile(id, session, longTerm, narrative);
        return new UserVectorsDto(
            parts.HasFlag(LiveRank.Semantics.ProfileParts.Session) ? session : null,
            parts.HasFlag(LiveRank.Semantics.ProfileParts.LongTerm) ? longTerm : null,
            parts.HasFlag(LiveRank.Semantics.ProfileParts.Narrative) ? narrative : null);
    }

    // Idempotent: forgetting an unknown user succeeds too, so erasure pipelines can retry safely.
    private static async Task<IResult> ForgetAsync(string id, StoreHost host, CancellationToken cancellationToken)
    {
        await host.Store.ForgetUserAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
