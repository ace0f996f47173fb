using LiveRank.Text.Encoders;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>
/// The server's text encoder (the <see cref="ITextEncoder"/> singleton, created on first use) behind a concurrency gate.
/// A local encoder already spreads one call over <see cref="EncoderOptions.Threads"/> cores, so more concurrent calls
/// than cores / threads only oversubscribe the processor; callers beyond that wait asynchronously, holding no thread.
/// </summary>
public sealed class EncoderHost(IServiceProvider services, IOptions<EncoderOptions> options) : IDisposable
{
    // A remote service does the work elsewhere; a few requests in flight hide its latency.
    private const int RemoteConcurrency = 8;

    private readonly SemaphoreSlim _gate = new(Concurrency(options.Value));

    /// <summary>The encoder; the first call loads it (a few hundred milliseconds for a local model).</summary>
    public ITextEncoder Encoder => services.GetRequiredService<ITextEncoder>();

    /// <summary>Encodes <paramref name="texts"/> into new row-major unit vectors once the gate lets the call in.</summary>
    public async Task<float[]> EncodeAsync(ITextEncoder encoder, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Count * encoder.Dimension];
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (encoder is RemoteEmbeddingEncoder remote) await remote.EncodeBatchAsync(texts, vectors, cancellationToken);
            // CPU work on this request's thread: ONNX Runtime spreads it over its own intra-op threads, and the gate
            // bounds how many request threads are held this way.
            else encoder.EncodeBatch(texts, vectors);
        }
        finally
        {
            _gate.Release();
        }
        return vectors;
    }

    public void Dispose() => _gate.Dispose();

    private static int Concurrency(EncoderOptions options)
    {
        if (!options.IsLocal) return RemoteConcurrency;
        int threads = Math.Clamp(options.Threads ?? Environment.ProcessorCount, 1, Environment.ProcessorCount);
        return Math.Max(1, Environment.ProcessorCount / threads);
    }
}
