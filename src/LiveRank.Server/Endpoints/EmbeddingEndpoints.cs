using System.Buffers.Binary;
using LiveRank.Server.Contracts;
using LiveRank.Server.Hosting;
using LiveRank.Server.Options;
using LiveRank.Server.Validation;
using LiveRank.Text.Encoders;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Endpoints;

/// <summary>
/// <c>POST /v1/embeddings</c>: the configured text encoder behind OpenAI's embeddings wire format, so OpenAI clients
/// (and LiveRank's own <see cref="RemoteEmbeddingEncoder"/>) can use it. Vectors are L2-normalised float32.
/// </summary>
public static class EmbeddingEndpoints
{
    public static IEndpointRouteBuilder MapEmbeddingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", EmbedAsync).WithTags("Embeddings").Accepts<EmbeddingsRequest>("application/json")
            .Produces<EmbeddingsResponse<float[]>>().ProducesValidationProblem(422).ProducesProblem(400).ProducesProblem(413).ProducesProblem(503)
            .WithSummary($"OpenAI-compatible embeddings from the configured encoder: input is a string or 1–{EmbeddingsValidator.MaxInputs} strings.")
            .WithDescription("Request { \"input\": \"text\" | [\"a\", \"b\"], \"model\"?: the encoder's model id, \"encoding_format\"?: \"float\" | \"base64\", "
                + "\"dimensions\"?: the encoder's dimension }. Answer { \"object\": \"list\", \"data\": [ { \"object\": \"embedding\", \"embedding\", \"index\" } ], "
                + "\"model\", \"usage\": { \"prompt_tokens\", \"total_tokens\" } }. Vectors are unit length; texts past the model's token limit are truncated. "
                + "The first call loads the model.");
        return app;
    }

    private static async Task<IResult> EmbedAsync(HttpContext context, EncoderHost host, IOptions<ApiOptions> options)
    {
        var (dto, problem) = await JsonBody.ReadAsync(context, ApiJsonContext.Default.EmbeddingsRequest, options.Value.MaxRequestBodyBytes);
        if (problem is not null) return problem;

        var errors = new ValidationErrors();
        var texts = EmbeddingsValidator.Validate(dto!, errors, out int inputCount, out bool base64);
        if (inputCount > EmbeddingsValidator.MaxInputs)
            return Problems.TooLarge($"{inputCount} inputs; at most {EmbeddingsValidator.MaxInputs} per request.");
        if (texts is null) return Problems.Invalid(errors, "The embeddings request is invalid.");

        // Checked only now: the model and dimension are known once the encoder is loaded, and a malformed request
        // should not be what loads it.
        ITextEncoder encoder;
        float[] vectors;
        try
        {
            encoder = host.Encoder;
            if (dto!.Model is { } model && !Serves(encoder, model))
                errors.Add("model", $"'{model}' is not served here; this server embeds with '{encoder.ModelId}'.");
            if (dto.Dimensions is int dimensions && dimensions != encoder.Dimension)
                errors.Add("dimensions", $"must be {encoder.Dimension} (or absent): {encoder.ModelId} cannot shorten its vectors.");
            if (errors.Any) return Problems.Invalid(errors, "The embeddings request is invalid.");
            vectors = await host.EncodeAsync(encoder, texts, context.RequestAborted);
        }
        catch (Exception e) when (e is RemoteEncoderException or IOException or InvalidDataException or ArgumentException or NotSupportedException)
        {
            return Problems.EncoderUnavailable($"The text encoder failed: {e.Message}");
        }

        int tokens = 0;
        foreach (string text in texts) tokens += encoder.CountTokens(text);
        var usage = new EmbeddingsUsage(tokens, tokens);
        int dim = encoder.Dimension;
        if (base64)
        {
            var data = new EmbeddingData<string>[texts.Count];
            var bytes = new byte[dim * sizeof(float)];
            for (int i = 0; i < data.Length; i++)
            {
                // OpenAI's base64 format: the float32 values, little-endian, whatever this machine's byte order.
                for (int d = 0; d < dim; d++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(d * sizeof(float)), vectors[i * dim + d]);
                data[i] = new EmbeddingData<string>("embedding", Convert.ToBase64String(bytes), i);
            }
            return TypedResults.Json(new EmbeddingsResponse<string>("list", data, encoder.ModelId, usage), ApiJsonContext.Default.Base64EmbeddingsResponse);
        }
        var floats = new EmbeddingData<float[]>[texts.Count];
        for (int i = 0; i < floats.Length; i++) floats[i] = new EmbeddingData<float[]>("embedding", vectors.AsSpan(i * dim, dim).ToArray(), i);
        return TypedResults.Json(new EmbeddingsResponse<float[]>("list", floats, encoder.ModelId, usage), ApiJsonContext.Default.FloatEmbeddingsResponse);
    }

    /// <summary>The encoder's own id, or a hub-style name ending in it ("sentence-transformers/all-MiniLM-L6-v2").</summary>
    private static bool Serves(ITextEncoder encoder, string model) =>
        string.Equals(model, encoder.ModelId, StringComparison.OrdinalIgnoreCase)
        || (model.EndsWith(encoder.ModelId, StringComparison.OrdinalIgnoreCase) && model[^(encoder.ModelId.Length + 1)] == '/');
}
