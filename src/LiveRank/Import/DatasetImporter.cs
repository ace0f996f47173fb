using System.Diagnostics;
using LiveRank.Domain;
using LiveRank.Storage;

namespace LiveRank.Import;

/// <summary>
/// Loads a dataset into a store: all items, then all events, in batches. UI-free; the CLI draws progress from
/// <see cref="IProgress{T}"/> and the server uses it to seed demo data. Re-running an import whose events carry ids
/// (MovieLens always does) accepts nothing new: the store's idempotency turns them into duplicates.
/// </summary>
public sealed class DatasetImporter
{
    /// <summary>Records per store call: large enough that per-call durability (an fsync per batch) is amortised.</summary>
    public const int DefaultBatchSize = 5_000;

    private readonly IStateStore _store;
    private readonly int _batchSize;

    public DatasetImporter(IStateStore store, int batchSize = DefaultBatchSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _store = store;
        _batchSize = batchSize;
    }

    public async Task<ImportSummary> ImportAsync(IDatasetReader reader, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var clock = Stopwatch.StartNew();
        long? total = progress is null ? null : reader.EstimateRecordCount();
        long done = 0, items = 0, accepted = 0, duplicates = 0;
        progress?.Report(new ImportProgress(ImportPhase.Items, 0, total));

        var itemBatch = new List<Item>(_batchSize);
        foreach (var item in reader.ReadItems(cancellationToken))
        {
            itemBatch.Add(item);
            if (itemBatch.Count < _batchSize) continue;
            await _store.UpsertItemsAsync(itemBatch, cancellationToken);
            items += itemBatch.Count;
            done += itemBatch.Count;
            // A fresh list per batch: the store may hold on to what it was given.
            itemBatch = new List<Item>(_batchSize);
            progress?.Report(new ImportProgress(ImportPhase.Items, done, total));
        }
        if (itemBatch.Count > 0)
        {
            await _store.UpsertItemsAsync(itemBatch, cancellationToken);
            items += itemBatch.Count;
            done += itemBatch.Count;
        }
        progress?.Report(new ImportProgress(ImportPhase.Events, done, total));

        var eventBatch = new List<UserEvent>(_batchSize);
        foreach (var e in reader.ReadEvents(cancellationToken))
        {
            eventBatch.Add(e);
            if (eventBatch.Count < _batchSize) continue;
            var result = await _store.AppendEventsAsync(eventBatch, cancellationToken);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            done += eventBatch.Count;
            eventBatch = new List<UserEvent>(_batchSize);
            progress?.Report(new ImportProgress(ImportPhase.Events, done, total));
        }
        if (eventBatch.Count > 0)
        {
            var result = await _store.AppendEventsAsync(eventBatch, cancellationToken);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            done += eventBatch.Count;
        }
        progress?.Report(new ImportProgress(ImportPhase.Done, done, done));
        return new ImportSummary(items, accepted, duplicates, clock.Elapsed);
    }
}
