using BenchmarkDotNet.Attributes;
using LiveRank.Benchmarks.Runners;
using LiveRank.Domain;
using LiveRank.Storage;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>
/// <see cref="IStateStore.AppendEventsAsync"/> of the embedded store into a temporary directory: one invocation is a
/// batch of 10,000 events (log frame, fsync per <see cref="Fsync"/>, apply to state); an operation is one event.
/// Target: ≥ 500,000 events/s, i.e. ≤ 2 µs per event. Generated ids, so the batch pool can be replayed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class StoreBenchmarks
{
    private const int Batch = StoreIngest.BatchSize;
    private TempDirectory _directory = null!;
    private IStateStore _store = null!;
    private UserEvent[][] _batches = null!;
    private int _next;

    [Params(FsyncPolicy.Always, FsyncPolicy.Never)]
    public FsyncPolicy Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EventStreamOptions { Items = 20_000, Users = 10_000, EventsPerUser = 100 };
        _batches = [.. new EventStreamGenerator(1, options).Batches(Batch)];
        _directory = new TempDirectory("lr-bdn-store");
        _store = StateStoreFactory.OpenAsync(_directory.Connection, new StoreOptions { Fsync = Fsync, SnapshotEveryRecords = 0 })
            .GetAwaiter().GetResult();
        _store.UpsertItemsAsync(CatalogMother.Items(options.Items)).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _directory.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ValueTask<AppendResult> AppendEvents_Batch10k()
    {
        var batch = _batches[_next];
        _next = _next + 1 == _batches.Length ? 0 : _next + 1;
        return _store.AppendEventsAsync(batch);
    }
}
