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
        group.MapDelete("/{id}", ForgetAsync).Produces(204)
            .WithSummary("Forget a user: real-time state and every stored event are erased from memory and disk before the answer.");
        return app;
    }

    private static async Task<IResult> Get(string id, StoreHost host, NarrativeRenderer narrative, CancellationToken cancellationToken)
    {
        await host.Store.CatchUpAsync(cancellationToken); // another replica's writes (or erasure) first; stale if the store is away
        var state = host.Store.State;
        var summary = state.Summarize(id);
        if (summary is null) return TypedResults.Problem($"No user '{id}'.", statusCode: 404, title: "Not found");
        var recent = summary.RecentEvents.Select(e => new RecentEventDto(e.Type, e.ItemId, e.Timestamp, e.Value, e.StartsSession)).ToList();
        return TypedResults.Ok(new UserResponse(summary.UserId, summary.TotalEvents, summary.EventCounts, summary.Sessions,
            summary.LastEventAt, recent, narrative.Render(state, id)));
    }

    // Idempotent: forgetting an unknown user succeeds too, so erasure pipelines can retry safely.
    private static async Task<IResult> ForgetAsync(string id, StoreHost host, CancellationToken cancellationToken)
    {
        await host.Store.ForgetUserAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
