using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Storage;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>
/// The language-model side of the server: loads the encoder and the persistent vector cache before the store opens
/// (so recovery finds cached item vectors at once), then runs the background item indexer and narrative refresher
/// for the server's lifetime. Switched off by <c>LiveRank:Semantic:Enabled=false</c>.
/// </summary>
public sealed class SemanticHost(IOptions<SemanticOptions> options, StoreOptions store, EncoderHost encoders, ItemTemplate itemTemplate,
    NarrativeRenderer narratives, TimeProvider clock, ILogger<SemanticHost> logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private ITextEncoder? _encoder;
    private EmbeddingCache? _cache;
    private int _disposed;

    public SemanticState? State { get; private set; }

    public ItemVectorIndexer? Indexer { get; private set; }

    public NarrativeRefresher? Narratives { get; private set; }

    /// <summary>Creates the semantic state to attach to the store; null when the language model is off.</summary>
    internal SemanticState? Create()
    {
        var o = options.Value;
        if (!o.Enabled) return null;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            _encoder = encoders.Encoder; // the LiveRank:Encoder singleton, shared with /v1/embeddings
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException
                                       or ArgumentException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or HttpRequestException)
        {
            // Rankings still work without the language model; /readyz shows no item vectors and the log says why.
            logger.LogError(e, "The encoder could not be loaded; ranking runs without semantic features.");
            return null;
        }
        string directory = o.CacheDirectory is { Length: > 0 } configured ? Path.GetFullPath(configured) : DefaultCacheDirectory();
        _cache = EmbeddingCache.Open(directory, _encoder.ModelId, _encoder.Dimension);
        if (_cache.RepairedRecords > 0) logger.LogWarning("Vector cache {Path}: cut {Count} torn record(s) from its tail.", _cache.Path, _cache.RepairedRecords);
        State = new SemanticState(o, _encoder.ModelId, _encoder.Dimension, _cache, itemTemplate.Render);
        logger.LogInformation("Encoder {Model} ({Dimension} dimensions) and {Cached:N0} cached vectors loaded in {Ms} ms",
            _encoder.ModelId, _encoder.Dimension, _cache.Count, started.ElapsedMilliseconds);
        return State;
    }

    /// <summary>Starts the background workers on the opened state.</summary>
    internal void Start(LiveState state)
    {
        if (State is null || _encoder is null) return;
        Indexer = new ItemVectorIndexer(state, _encoder, e => logger.LogError(e, "Encoding item vectors failed; the items stay queued for the next sweep."));
        _loops.Add(Task.Run(() => Indexer.RunAsync(_stop.Token)));
        Narratives = new NarrativeRefresher(state, _encoder, userId => narratives.Render(state, userId),
            e => logger.LogError(e, "Encoding narratives failed; the users are refreshed with their next event."));
        _loops.Add(Task.Run(() => Narratives.RunAsync(clock, _stop.Token)));
    }

    /// <summary>Stops the workers (before the store closes).</summary>
    internal async Task StopAsync()
    {
        // The host can be stopped twice, the second time after it was disposed: WebApplicationFactory stops it while the
        // program's RunAsync, seeing the stop, stops and disposes it too. Disposing stopped the workers already.
        if (Volatile.Read(ref _disposed) == 1) return;
        try
        {
            await _stop.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }
        _loops.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _cache?.Dispose(); // the encoder belongs to the container
        _stop.Dispose();
    }

    private string DefaultCacheDirectory()
    {
        var connection = StoreConnection.Parse(store.Connection);
        return connection.Kind == StoreKind.Embedded
            ? Path.Combine(Path.GetFullPath(connection.Target), "vectors")
            : Path.GetFullPath("vectors");
    }
}
