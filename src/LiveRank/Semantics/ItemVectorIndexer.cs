using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Text.Encoders;

namespace LiveRank.Semantics;

/// <summary>
/// The background worker that turns queued items into vectors: cache first, then the encoder in batches of
/// <see cref="SemanticOptions.BatchSize"/>, every new vector appended to the persistent cache. When its queue
/// drains it sweeps the catalog if anything overflowed the queue, then rebuilds the profiles of users whose events
/// arrived before their items' vectors. One per <see cref="LiveState"/>; never on the request path.
/// </summary>
public sealed class ItemVectorIndexer
{
    private readonly LiveState _state;
    private readonly SemanticState _semantic;
    private readonly ITextEncoder _encoder;
    private readonly Action<Exception>? _onError;
    private readonly List<(int Index, ulong Hash, string Text)> _work = [];
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _encoded;
    private long _fromCache;
    private int _busy;

    public ItemVectorIndexer(LiveState state, ITextEncoder encoder, Action<Exception>? onError = null)
    {
        _state = state;
        _semantic = state.Semantic ?? throw new ArgumentException("The state has no semantic part.", nameof(state));
        if (encoder.ModelId != _semantic.ModelId || encoder.Dimension != _semantic.Dimension)
            throw new ArgumentException($"Encoder {encoder.ModelId} ({encoder.Dimension}) does not match the state's {_semantic.ModelId} ({_semantic.Dimension}).", nameof(encoder));
        _encoder = encoder;
        _onError = onError;
    }

    /// <summary>Texts encoded by the model (cache misses).</summary>
    public long Encoded => Interlocked.Read(ref _encoded);

    /// <summary>Queued items whose vector was found in the cache by the time the worker reached them.</summary>
    public long FromCache => Interlocked.Read(ref _fromCache);

    /// <summary>True while a batch, sweep or rebuild is running or items are queued.</summary>
    public bool IsBusy => Volatile.Read(ref _busy) == 1 || _semantic.QueueLength > 0;

    /// <summary>Runs until cancelled. Errors in one batch are reported and the worker goes on with the next.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _semantic.Pending;
        // Work left from before the start (a snapshot without profiles, an overflow during recovery).
        Drain();
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                Volatile.Write(ref _busy, 1);
                try
                {
                    var batch = new List<int>(_semantic.Options.BatchSize);
                    while (reader.TryRead(out int index))
                    {
                        batch.Add(index);
                        if (batch.Count == _semantic.Options.BatchSize || !reader.TryPeek(out _))
                        {
                            Process(batch);
                            batch.Clear();
                            Signal();
                        }
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                    Drain();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _onError?.Invoke(e);
                }
                finally
                {
                    Volatile.Write(ref _busy, 0);
                    Signal();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Encodes everything the catalog lacks right now on the caller's thread (for <c>liverank encode</c> and
    /// tests), reporting (done, total) after each batch, then rebuilds the profiles that were waiting.
    /// </summary>
    public void EncodeCatalog(IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        while (_semantic.Pending.TryRead(out _)) { } // the sweep below covers whatever was queued
        _semantic.TakeOverflow();
        Sweep(progress, cancellationToken);
        RebuildDueProfiles();
        Signal();
    }

    /// <summary>
    /// Waits until every item of <paramref name="items"/> has a vector of its current text (or is gone), or until
    /// the timeout. Returns how many still lack one.
    /// </summary>
    public async Task<int> WaitForAsync(IReadOnlyList<Item> items, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var signal = Volatile.Read(ref _progress).Task;
            int missing = Missing(items);
            if (missing == 0) return 0;
            try
            {
                await signal.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Missing(items);
            }
        }
    }

    /// <summary>Waits until the queue is empty and the worker idle (tests, the encode command, readiness probes).</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var signal = Volatile.Read(ref _progress).Task;
            if (!IsBusy) return;
            await signal.WaitAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private int Missing(IReadOnlyList<Item> items)
    {
        int missing = 0;
        foreach (var item in items)
        {
            if (!_state.ItemIds.TryGet(item.Id, out int index)) continue;
            var current = _state.GetItem(item.Id);
            if (current is null) continue;
            if (!_semantic.Items.IsCurrent(index, EmbeddingCache.HashText(_semantic.RenderItem(current)))) missing++;
        }
        return missing;
    }

    private void Drain()
    {
        if (_semantic.TakeOverflow()) Sweep(null, CancellationToken.None);
        RebuildDueProfiles();
    }

    private void Signal() => Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void Process(List<int> indices)
    {
        _work.Clear();
        var vector = SemanticState.Scratch(_semantic.Dimension);
        foreach (int index in indices)
        {
            var items = _state.Items;
            if ((uint)index >= (uint)items.Length || items[index].Item is not { } item) continue; // deleted since
            string text = _semantic.RenderItem(item);
            ulong hash = EmbeddingCache.HashText(text);
            if (_semantic.Items.IsCurrent(index, hash)) continue;
            if (_semantic.Cache.TryGet(hash, vector))
            {
                _semantic.Items.Set(index, vector, hash);
                Interlocked.Increment(ref _fromCache);
                continue;
            }
            _work.Add((index, hash, text));
        }
        if (_work.Count == 0) return;

        int d = _semantic.Dimension;
        var texts = new string[_work.Count];
        for (int i = 0; i < texts.Length; i++) texts[i] = _work[i].Text;
        var vectors = new float[texts.Length * d];
        _encoder.EncodeBatch(texts, vectors);
        for (int i = 0; i < texts.Length; i++)
        {
            var row = vectors.AsSpan(i * d, d);
            _semantic.Cache.Add(_work[i].Hash, row);
            _semantic.Items.Set(_work[i].Index, row, _work[i].Hash);
        }
        _semantic.Cache.Flush();
        Interlocked.Add(ref _encoded, texts.Length);
    }

    private void Sweep(IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var stale = new List<int>();
        var items = _state.Items;
        int count = Math.Min(_state.ItemCount, items.Length);
        for (int i = 0; i < count; i++)
        {
            if (items[i].Item is { } item && !_semantic.Items.IsCurrent(i, EmbeddingCache.HashText(_semantic.RenderItem(item)))) stale.Add(i);
        }
        int batchSize = _semantic.Options.BatchSize;
        var batch = new List<int>(batchSize);
        for (int i = 0; i < stale.Count; i += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            for (int j = i; j < Math.Min(stale.Count, i + batchSize); j++) batch.Add(stale[j]);
            Process(batch);
            progress?.Report((Math.Min(stale.Count, i + batchSize), stale.Count));
            Signal();
        }
        if (stale.Count == 0) progress?.Report((0, 0));
    }

    /// <summary>
    /// Rebuilds the waiting profiles; a user whose events still point at items without vectors (queued behind this
    /// drain) stays waiting for the next one, so no profile is left half-built.
    /// </summary>
    private void RebuildDueProfiles()
    {
        foreach (string userId in _semantic.ProfilesDue.Keys) // a snapshot: re-adding below does not loop
        {
            if (_semantic.ProfilesDue.TryRemove(userId, out _) && !_state.RebuildProfile(userId)) _semantic.ProfilesDue.TryAdd(userId, 0);
        }
    }
}
