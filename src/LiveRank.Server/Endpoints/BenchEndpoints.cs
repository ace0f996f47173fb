using LiveRank.Server.Contracts;
using LiveRank.Server.Options;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary>
/// <c>POST /v1/bench/echo</c> (only with <c>LiveRank:Bench:EchoEndpoint=true</c>): parses a rerank body and writes it
/// back through the same JSON path, the ceiling that <c>/v1/rerank</c> throughput is compared with.
/// </summary>
public static class BenchEndpoints
{
    public static IEndpointRouteBuilder MapBenchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/bench/echo", async (HttpContext context, IOptions<ApiOptions> options) =>
        {
            var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.RerankRequestDto, options.Value.MaxRequestBodyBytes);
            return problem ?? TypedResults.Json(dto!, ApiJsonContext.Default.RerankRequestDto);
        }).ExcludeFromDescription();
        return app;
    }
}
