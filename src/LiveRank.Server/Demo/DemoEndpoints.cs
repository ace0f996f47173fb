using LiveRank.Domain;
using LiveRank.Server.Endpoints;
using LiveRank.Server.Hosting;
using LiveRank.Server.Validation;
using LiveRank.Text;

namespace LiveRank.Server.Demo;

/// <summary>
/// <c>GET /demo</c>: a page where a person picks a user, sees their history and narrative, and watches a click re-rank a
/// candidate list; plus the read-only calls it needs under <c>/v1/demo</c> (users, one user's history with titles, an
/// upstream candidate list). Ranking and clicks go through the public <c>/v1/rerank</c> and <c>/v1/events</c>.
/// </summary>
public static class DemoEndpoints
{
    public const int MaxUsers = 1000;
    public const int MaxCandidates = 100;
    public const int MaxHistory = 50;

    public static IEndpointRouteBuilder MapDemoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/demo", (HttpContext context, DemoAssets assets) => Serve(context, assets, "index.html")).ExcludeFromDescription();
        app.MapGet("/demo/{file}", (string file, HttpContext context, DemoAssets assets) => Serve(context, assets, file)).ExcludeFromDescription();

        var group = app.MapGroup("/v1/demo").WithTags("Demo");
        group.MapGet("/users", ListUsers).Produces<DemoUsersResponse>().ProducesProblem(422)
            .WithSummary("Users the store holds, in id order, with their event counts (limit 1–1000, default 200).");
        group.MapGet("/users/{id}", GetUser).Produces<DemoUserResponse>().ProducesProblem(422)
            .WithSummary("A user's most recent events with item titles and the narrative the language model reads (limit 1–50, default 10); empty for a new user.");
        group.MapGet("/candidates", GetCandidates).Produces<DemoCandidatesResponse>().ProducesProblem(422)
            .WithSummary("An upstream candidate list for the demo: the catalog's most popular items of all time, as a non-personalised upstream would send them (count 1–100, default 20).");
        return app;
    }

    private static IResult Serve(HttpContext context, DemoAssets assets, string file)
    {
        if (!assets.TryGet(file, out var asset)) return TypedResults.NotFound();
        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache"; // revalidate: a new server version serves its own page at once
        headers.XContentTypeOptions = "nosniff";
        // Everything comes from this server; no inline script, no other origin.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        if (context.Request.Headers.IfNoneMatch == asset.ETag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static IResult ListUsers(StoreHost host, int? limit)
    {
        if (!TryLimit(limit, 200, MaxUsers, "limit", out int take, out var problem)) return problem!;
        var state = host.Store.State;
        var ids = state.UserIds.ToList();
        // Shorter ids first, then ordinal: numeric ids ("2" before "10") come out in numeric order.
        ids.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
        var users = new List<DemoUserDto>(Math.Min(take, ids.Count));
        foreach (string id in ids)
        {
            if (users.Count == take) break;
            if (state.Summarize(id, maxEvents: 0) is { } summary) users.Add(new DemoUserDto(id, summary.TotalEvents));
        }
        return TypedResults.Json(new DemoUsersResponse(ids.Count, users), DemoJsonContext.Default.DemoUsersResponse);
    }

    private static IResult GetUser(string id, int? limit, StoreHost host, NarrativeRenderer narratives)
    {
        if (!TryLimit(limit, 10, MaxHistory, "limit", out int take, out var problem)) return problem!;
        var state = host.Store.State;
        var summary = state.Summarize(id, take);
        if (summary is null)
            return TypedResults.Json(new DemoUserResponse(id, 0, "", []), DemoJsonContext.Default.DemoUserResponse);
        var recent = new List<DemoHistoryDto>(summary.RecentEvents.Count);
        foreach (var e in summary.RecentEvents)
            recent.Add(new DemoHistoryDto(e.Type, e.ItemId, state.GetItem(e.ItemId)?.Title, e.Value, e.Timestamp));
        return TypedResults.Json(new DemoUserResponse(id, summary.TotalEvents, narratives.Render(state, id), recent),
            DemoJsonContext.Default.DemoUserResponse);
    }

    private static IResult GetCandidates(int? count, StoreHost host)
    {
        if (!TryLimit(count, 20, MaxCandidates, "count", out int take, out var problem)) return problem!;
        var state = host.Store.State;
        // All-time popularity, not trending: it stays put when a live event moves the stream clock years past a
        // historical dataset's last event, so the upstream list of the demo is the same before and after a click.
        var popular = new PriorityQueue<Item, (float Popularity, string Id)>(take + 1, PopularFirst.Instance);
        foreach (var item in state.CatalogItems())
        {
            popular.Enqueue(item, (state.AllTimePopularity(item.Id), item.Id));
            if (popular.Count > take) popular.Dequeue(); // drops the least popular
        }
        var items = new DemoItemDto[popular.Count];
        for (int i = items.Length - 1; i >= 0; i--)
        {
            var item = popular.Dequeue();
            items[i] = new DemoItemDto(item.Id, item.Title, item.Categories);
        }
        return TypedResults.Json(new DemoCandidatesResponse("popular", items), DemoJsonContext.Default.DemoCandidatesResponse);
    }

    /// <summary>Orders the least popular first (the queue's head is dropped), ties by id so the list is stable.</summary>
    private sealed class PopularFirst : IComparer<(float Popularity, string Id)>
    {
        public static readonly PopularFirst Instance = new();

        public int Compare((float Popularity, string Id) x, (float Popularity, string Id) y)
        {
            int byPopularity = x.Popularity.CompareTo(y.Popularity);
            return byPopularity != 0 ? byPopularity : string.CompareOrdinal(y.Id, x.Id);
        }
    }

    private static bool TryLimit(int? value, int fallback, int max, string name, out int limit, out IResult? problem)
    {
        limit = value ?? fallback;
        problem = null;
        if (limit >= 1 && limit <= max) return true;
        var errors = new ValidationErrors();
        errors.Add(name, $"must be between 1 and {max}.");
        problem = Problems.Invalid(errors, $"{name} is out of range.");
        return false;
    }
}
