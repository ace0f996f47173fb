using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary>
/// <c>GET /v1/models</c> (the model in service and the model directory) and <c>POST /v1/models/reload</c> (load a model
/// file and swap it in; a refused file leaves the previous ranker serving). See docs/serving.md.
/// </summary>
public static class ModelEndpoints
{
    /// <summary>Longest path accepted in a reload request.</summary>
    public const int MaxPathLength = 4096;

    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/models").WithTags("Models");
        group.MapGet("", List).Produces<ModelsResponse>()
            .WithSummary("The model in service (name and version, file, when it was loaded) and the files in the model directory.");
        group.MapPost("/reload", ReloadAsync).Accepts<ModelReloadRequest>("application/json")
            .Produces<ModelReloadResponse>().ProducesProblem(404).ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413)
            .WithSummary("Load a model file (body { \"path\" }, absolute or relative to the model directory; default: the newest model file " +
                "there) and put it in service without downtime. A corrupt or incompatible file answers 422 and the previous model keeps serving.");
        return app;
    }

    private static IResult List(ModelHost models, RankerHolder rankers)
    {
        var serving = rankers.Serving;
        var files = models.Files();
        var dtos = new ModelFileDto[files.Count];
        for (int i = 0; i < dtos.Length; i++)
        {
            var f = files[i];
            dtos[i] = new ModelFileDto(f.Name, f.Bytes, new DateTimeOffset(f.WrittenAtUtc, TimeSpan.Zero), f.Loader is not null);
        }
        return TypedResults.Json(new ModelsResponse(serving.Model, serving.Path, serving.LoadedAt, models.ModelDirectory, models.Watching,
            models.Patterns, dtos), ApiJsonContext.Default.ModelsResponse);
    }

    private static async Task<IResult> ReloadAsync(HttpContext context, ModelHost models, IOptions<ApiOptions> options)
    {
        string? path = null;
        // The body is optional: none (or an empty one) reloads the newest file in the directory.
        if (context.Request.ContentLength is not 0 && (context.Request.ContentLength is not null || context.Request.ContentType is not null))
        {
            var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.ModelReloadRequest, options.Value.MaxRequestBodyBytes);
            if (problem is not null) return problem;
            path = dto!.Path;
            if (path is not null)
            {
                var errors = new ValidationErrors();
                if (!FieldRules.Text(path, "path", MaxPathLength, errors, required: true) || path.Any(char.IsControl))
                {
                    if (!errors.Any) errors.Add("path", "must not contain control characters.");
                    return Problems.Invalid(errors, "The reload request is invalid.");
                }
            }
        }

        var result = models.Reload(path);
        return result.Status switch
        {
            ModelReloadStatus.Loaded => TypedResults.Json(new ModelReloadResponse(result.Serving.Model, result.Path!, result.Previous!.Model),
                ApiJsonContext.Default.ModelReloadResponse),
            ModelReloadStatus.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "No model file",
                type: "https://liverank.dev/problems/model-not-found"),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Model file refused",
                type: "https://liverank.dev/problems/model-refused",
                extensions: new Dictionary<string, object?> { ["path"] = result.Path, ["model"] = result.Serving.Model }),
        };
    }
}
