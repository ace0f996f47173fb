using LiveRank.Domain;
using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using LiveRank.Text;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary><c>/v1/items</c>: batch upsert, get (with rendered text), delete.</summary>
public static class ItemEndpoints
{
    public static IEndpointRouteBuilder MapItemEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/items").WithTags("Items");
        group.MapPost("", UpsertAsync).Accepts<ItemsRequest>("application/json")
            .Produces<ItemsResponse>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Insert or replace up to 10,000 items. A batch with any invalid item is rejected whole. With \"wait\": true the answer waits for the items' LM vectors.");
        group.MapGet("/{id}", Get).Produces<ItemResponse>().ProducesProblem(404)
            .WithSummary("An item with its text as the language model reads it (the configured LiveRank:Text:ItemTemplate).");
        group.MapDelete("/{id}", DeleteAsync).Produces(204).ProducesProblem(404).WithSummary("Remove an item from the catalog.");
        return app;
    }

    private static async Task<IResult> UpsertAsync(HttpContext context, StoreHost host, SemanticHost semantic, IOptions<ApiOptions> options, TimeProvider clock)
    {
        var limits = options.Value;
        var (body, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ItemsRequest, limits.MaxRequestBodyBytes);
        if (problem is not null) return problem;
        var dtos = body!.Items;
        if (dtos is null || dtos.Count == 0)
        {
            var missing = new ValidationErrors();
            missing.Add("items", "must hold at least one item.");
            return Problems.Invalid(missing, "No items to upsert.");
        }
        if (dtos.Count > limits.MaxBatch)
            return Problems.TooLarge($"The batch holds {dtos.Count} items; the limit is {limits.MaxBatch} per call.");

        var store = host.Store;
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var items = new List<Item>(dtos.Count);
        for (int i = 0; i < dtos.Count; i++)
        {
            var item = ItemValidator.Validate(dtos[i], $"items[{i}]", now, store.State.GetItem, errors);
            if (item is not null) items.Add(item);
        }
        if (errors.Any) return Problems.Invalid(errors, $"{errors.Count} problem(s) in the batch; nothing was stored.");

        await store.UpsertItemsAsync(items, context.RequestAborted);
        // Items rank at once; their vectors follow from the background indexer. "wait": true holds the answer until
        // every vector exists (or the wait limit passes) and reports how many are still pending.
        if (body.Wait == true && semantic.Indexer is { } indexer)
        {
            int pending = await indexer.WaitForAsync(items, limits.MaxVectorWait, context.RequestAborted);
            return TypedResults.Ok(new ItemsResponse(items.Count, pending));
        }
        return TypedResults.Ok(new ItemsResponse(items.Count));
    }

    private static IResult Get(string id, StoreHost host, ItemTemplate template)
    {
        var item = host.Store.State.GetItem(id);
        if (item is null) return TypedResults.Problem($"No item '{id}'.", statusCode: 404, title: "Not found");
        var attributes = item.Attributes.ToDictionary(a => a.Key,
            a => a.Value.IsNumber ? System.Text.Json.JsonSerializer.SerializeToElement(a.Value.Number, ApiJsonContext.Default.Double)
                                  : System.Text.Json.JsonSerializer.SerializeToElement(a.Value.Text!, ApiJsonContext.Default.String));
        return TypedResults.Ok(new ItemResponse(item.Id, item.Title, item.Description, item.Categories, item.Price, item.Currency,
            item.Brand, item.Tags, attributes, item.CreatedAt, template.Render(item)));
    }

    private static async Task<IResult> DeleteAsync(string id, StoreHost host, CancellationToken cancellationToken) =>
        await host.Store.DeleteItemAsync(id, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No item '{id}'.", statusCode: 404, title: "Not found");
}
