using System.ClientModel;
using System.ClientModel.Primitives;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace LiveRank.Text.Encoders;

/// <summary>
/// An encoder behind an embedding service, through Microsoft.Extensions.AI's <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>:
/// any OpenAI-compatible <c>/embeddings</c> endpoint (another LiveRank's <c>/v1/embeddings</c>, a hosted model) via
/// <see cref="CreateOpenAI"/>, or any other generator. Texts go out in batches of <see cref="RemoteEncoderOptions.BatchSize"/>;
/// the vectors that come back are L2-normalised, so they honour <see cref="ITextEncoder"/>'s unit-length contract whatever
/// the service does. Thread-safe as far as the generator is (the OpenAI one is).
/// </summary>
/// <remarks>
/// <see cref="EncodeBatch"/> blocks its thread on the network: <see cref="ITextEncoder"/> is synchronous because the local
/// encoders are CPU-bound. Callers that can await use <see cref="EncodeBatchAsync"/>.
/// </remarks>
public sealed class RemoteEmbeddingEncoder : ITextEncoder
{
    private const string DimensionProbe = "dimension probe";

    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly string _endpoint;
    private readonly int _batchSize;
    private readonly TimeSpan _timeout;

    /// <summary>
    /// Wraps <paramref name="generator"/>. Without a configured <see cref="RemoteEncoderOptions.Dimension"/> this asks the
    /// service for one vector to learn it, so construction fails (with <see cref="RemoteEncoderException"/>) when the
    /// service is down.
    /// </summary>
    /// <param name="generator">The service; disposed with this encoder.</param>
    /// <param name="modelId">The remote model's name, reported as <see cref="ModelId"/>.</param>
    /// <param name="options">Batching, dimension, timeout.</param>
    /// <param name="endpoint">Where the service lives, for error messages.</param>
    public RemoteEmbeddingEncoder(IEmbeddingGenerator<string, Embedding<float>> generator, string modelId, RemoteEncoderOptions? options = null,
        string? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        options ??= new RemoteEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero);
        _generator = generator;
        _endpoint = endpoint ?? "the embedding service";
        _batchSize = options.BatchSize;
        _timeout = options.Timeout;
        ModelId = modelId;
        MaxTokens = options.MaxTokens;
        Dimension = options.Dimension ?? DiscoverDimension();
    }

    /// <summary>
    /// An encoder for an OpenAI-compatible service: <paramref name="endpoint"/> is its base address, to which
    /// <c>/embeddings</c> is appended (<c>http://127.0.0.1:5000/v1</c> for a LiveRank server).
    /// </summary>
    /// <param name="endpoint">Base address of the API.</param>
    /// <param name="apiKey">Sent as a bearer token; services that need none (a local LiveRank) get a placeholder.</param>
    /// <param name="model">The model name sent with every request.</param>
    /// <param name="options">Batching, dimension, timeout, retries.</param>
    public static RemoteEmbeddingEncoder CreateOpenAI(Uri endpoint, string? apiKey, string model, RemoteEncoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new RemoteEncoderOptions();
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            NetworkTimeout = options.Timeout,
            RetryPolicy = new ClientRetryPolicy(Math.Max(0, options.MaxRetries)),
        };
        // The OpenAI client refuses an empty key even where the service ignores it.
        var client = new EmbeddingClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey), clientOptions);
        return new RemoteEmbeddingEncoder(client.AsIEmbeddingGenerator(), model, options, endpoint.ToString());
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int MaxTokens { get; }

    /// <inheritdoc />
    public float[] Encode(string text)
    {
        var vector = new float[Dimension];
        EncodeBatch([text], vector);
        return vector;
    }

    /// <inheritdoc />
    /// <exception cref="RemoteEncoderException">The service could not be reached, timed out, or answered vectors of the wrong count or length.</exception>
    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> output)
    {
        int count = texts.Count;
        if (output.Length < count * Dimension)
            throw new ArgumentException($"Output holds {output.Length} floats; {count} texts need {count * Dimension}.", nameof(output));
        if (count == 0) return;
        var buffer = new float[count * Dimension];
        // No synchronisation context in ASP.NET Core or the CLI, so blocking here cannot deadlock.
        EncodeBatchAsync(texts, buffer, CancellationToken.None).GetAwaiter().GetResult();
        buffer.CopyTo(output);
    }

    /// <summary>Encodes <paramref name="texts"/> into <paramref name="output"/> (row-major unit vectors), one request per batch.</summary>
    /// <exception cref="RemoteEncoderException">The service could not be reached, timed out, or answered vectors of the wrong count or length.</exception>
    public async Task EncodeBatchAsync(IReadOnlyList<string> texts, Memory<float> output, CancellationToken cancellationToken = default)
    {
        int count = texts.Count;
        if (output.Length < count * Dimension)
            throw new ArgumentException($"Output holds {output.Length} floats; {count} texts need {count * Dimension}.", nameof(output));
        var batch = new List<string>(Math.Min(count, _batchSize));
        for (int start = 0; start < count; start += _batchSize)
        {
            batch.Clear();
            for (int i = start; i < Math.Min(count, start + _batchSize); i++) batch.Add(texts[i] ?? "");
            GeneratedEmbeddings<Embedding<float>> embeddings = await GenerateAsync(batch, cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != batch.Count)
                throw new RemoteEncoderException($"{_endpoint} answered {embeddings.Count} vectors for {batch.Count} texts.");
            for (int i = 0; i < batch.Count; i++)
            {
                ReadOnlySpan<float> vector = embeddings[i].Vector.Span;
                if (vector.Length != Dimension)
                    throw new RemoteEncoderException($"{_endpoint} answered a vector of {vector.Length} dimensions; {ModelId} was set up with {Dimension}.");
                Normalize(vector, output.Span.Slice((start + i) * Dimension, Dimension));
            }
        }
    }

    private int DiscoverDimension()
    {
        GeneratedEmbeddings<Embedding<float>> embeddings = GenerateAsync([DimensionProbe], CancellationToken.None).GetAwaiter().GetResult();
        int dimension = embeddings.Count == 1 ? embeddings[0].Vector.Length : 0;
        return dimension > 0 ? dimension : throw new RemoteEncoderException($"{_endpoint} answered no vector for a probe text, so the dimension of {ModelId} is unknown.");
    }

    private async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(List<string> batch, CancellationToken cancellationToken)
    {
        // The client's own network timeout applies per attempt; this bounds the whole call, retries included.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            return await _generator.GenerateAsync(batch, options: null, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RemoteEncoderException($"{_endpoint} did not answer within {_timeout.TotalSeconds:0.###} s.", e);
        }
        catch (ClientResultException e) when (e.Status != 0)
        {
            throw new RemoteEncoderException($"{_endpoint} answered HTTP {e.Status}: {e.Message}", e);
        }
        catch (Exception e) when (e is ClientResultException or HttpRequestException or IOException)
        {
            throw new RemoteEncoderException($"{_endpoint} could not be reached: {e.Message}", e);
        }
    }

    private static void Normalize(ReadOnlySpan<float> vector, Span<float> destination)
    {
        float norm = TensorPrimitives.Norm(vector);
        TensorPrimitives.Multiply(vector, 1f / MathF.Max(norm, 1e-12f), destination);
    }

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();
}
