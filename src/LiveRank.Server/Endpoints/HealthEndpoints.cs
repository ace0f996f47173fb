using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;

namespace LiveRank.Server.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the store is open and the server can rank, with the model in service).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new LivenessResponse("ok"))).WithTags("Health").Produces<LivenessResponse>();
        app.MapGet("/readyz", (StoreHost host, SemanticHost semantic, RankerHolder rankers) =>
        {
            if (!host.IsReady) return Problems.Unavailable("The store is still opening.");
            var s = host.Store.Statistics;
            return TypedResults.Ok(new HealthResponse("ready", s.Kind, s.Items, s.Users, s.EventsLogged,
                semantic.State?.Items.Count, semantic.State?.QueueLength, rankers.Serving.Model));
        }).WithTags("Health").Produces<HealthResponse>().ProducesProblem(503);
        return app;
    }
}
