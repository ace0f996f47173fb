using System.Diagnostics;
using LiveRank.Domain;
using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Policies;
using LiveRank.Policies;
using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary>
/// <c>POST /v1/rerank</c> (order a candidate list for a user) and <c>POST /v1/recommend</c> (propose items from the
/// whole catalog), both from real-time state with the ranker in service. A request reads the ranker once: a model
/// swapped in meanwhile serves the next request, and <c>model</c> names the one that produced this answer.
/// </summary>
public static class RankEndpoints
{
    public static IEndpointRouteBuilder MapRankEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/rerank", RerankAsync).WithTags("Ranking").Accepts<RerankRequestDto>("application/json")
            .Produces<RerankResponse>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Re-rank 1–1000 candidates for a user. Unknown users rank as cold users; unknown items get neutral features.");
        app.MapPost("/v1/recommend", RecommendAsync).WithTags("Ranking").Accepts<RecommendRequestDto>("application/json")
            .Produces<RerankResponse>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Recommend 1–1000 items (default 10) for a user from the whole catalog: co-visitation followers and language-model " +
                "neighbours of what the user just did, popular items to fill; cold users get popular items. Items the user " +
                "interacted with are left out unless \"includeSeen\": true.");
        return app;
    }

    private static async Task<IResult> RerankAsync(HttpContext context, RankerHolder rankers, PolicyRanker policies, IOptions<ApiOptions> options, StoreHost store)
    {
        long started = Stopwatch.GetTimestamp();
        var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.RerankRequestDto, options.Value.MaxRequestBodyBytes);
        if (problem is not null) return problem;
        if (dto!.Candidates is { Count: > RankRequest.MaxCandidates } tooMany)
            return Problems.TooLarge($"{tooMany.Count} candidates; at most {RankRequest.MaxCandidates} per request.");

        var errors = new ValidationErrors();
        var request = RerankValidator.Validate(dto, errors);
        var policy = PolicySettingsReader.Read(dto.Policies, "policies", errors);
        if (request is null || policy is null) return Problems.Invalid(errors, "The rerank request is invalid.");

        // With a shared store: see every write acknowledged by any replica before this request (one round trip).
        bool current = await store.Store.CatchUpAsync(context.RequestAborted);
        var ranker = rankers.Current;
        return Answer(policies.Rank(ranker, request, policy), ranker.Model, started, current);
    }

    private static async Task<IResult> RecommendAsync(HttpContext context, RankerHolder rankers, PolicyRanker policies, IOptions<ApiOptions> options, StoreHost store)
    {
        long started = Stopwatch.GetTimestamp();
        var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.RecommendRequestDto, options.Value.MaxRequestBodyBytes);
        if (problem is not null) return problem;

        var errors = new ValidationErrors();
        var request = RecommendValidator.Validate(dto!, errors);
        var policy = PolicySettingsReader.Read(dto!.Policies, "policies", errors);
        if (request is null || policy is null) return Problems.Invalid(errors, "The recommend request is invalid.");

        bool current = await store.Store.CatchUpAsync(context.RequestAborted);
        var ranker = rankers.Current;
        return Answer(policies.Recommend(ranker, request, policy), ranker.Model, started, current);
    }

    private static IResult Answer(RankResult result, string model, long started, bool current = true)
    {
        var items = new RankedItemDto[result.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var r = result.Items[i];
            items[i] = new RankedItemDto(r.Id, r.Score, r.Rank, r.Contributions, ExplanationDtos.From(r.Explanation));
        }
        double tookMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var response = new RerankResponse(result.RequestId, model, items, Math.Round(tookMs, 3)) { Degraded = current ? null : true };
        return TypedResults.Json(response, ApiJsonContext.Default.RerankResponse);
    }
}
