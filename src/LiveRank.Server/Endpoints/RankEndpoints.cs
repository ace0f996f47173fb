using System.Diagnostics;
using LiveRank.Scoring;
using LiveRank.Server.Contracts;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary><c>POST /v1/rerank</c>: order a candidate list for a user from real-time state.</summary>
public static class RankEndpoints
{
    public static IEndpointRouteBuilder MapRankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/rerank", RerankAsync).WithTags("Ranking").Accepts<RerankRequestDto>("application/json")
            .Produces<RerankResponse>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Re-rank 1–1000 candidates for a user. Unknown users rank as cold users; unknown items get neutral features.");
        return app;
    }

    private static async Task<IResult> RerankAsync(HttpContext context, RerankerHolder reranker, IOptions<ApiOptions> options)
    {
        long started = Stopwatch.GetTimestamp();
        var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.RerankRequestDto, options.Value.MaxRequestBodyBytes);
        if (problem is not null) return problem;
        if (dto!.Candidates is { Count: > Domain.RankRequest.MaxCandidates } tooMany)
            return Problems.TooLarge($"{tooMany.Count} candidates; at most {Domain.RankRequest.MaxCandidates} per request.");

        var errors = new ValidationErrors();
        var request = RerankValidator.Validate(dto, errors);
        if (request is null) return Problems.Invalid(errors, "The rerank request is invalid.");

        var result = reranker.Current.Rank(request);
        var items = new RankedItemDto[result.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var r = result.Items[i];
            items[i] = new RankedItemDto(r.Id, r.Score, r.Rank, r.Contributions);
        }
        double tookMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return TypedResults.Json(new RerankResponse(result.RequestId, result.Model, items, Math.Round(tookMs, 3)),
            ApiJsonContext.Default.RerankResponse);
    }
}

/// <summary>The reranker in service; swapped atomically when a new model is loaded.</summary>
public sealed class RerankerHolder(Hosting.StoreHost host)
{
    private Reranker? _current;

    public Reranker Current => _current ??= new Reranker(host.Store.State, new HeuristicScorer());
}
