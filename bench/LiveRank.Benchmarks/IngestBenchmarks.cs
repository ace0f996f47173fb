using BenchmarkDotNet.Attributes;
using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>
/// <see cref="LiveState.Apply"/> in steady state: users already hold full rings and co-visitation lists are
/// full; each operation is one event (10,000 per invocation). Target: ≥ 500,000 events/s, i.e. ≤ 2 µs per event.
/// Events carry generated ids (no de-duplication) so the pool can be replayed; the <c>ingest</c> runner
/// measures the client-id path on fresh events.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Batch = 10_000;
    private LiveState _state = null!;
    private UserEvent[] _pool = null!;
    private int _offset;

    [GlobalSetup]
    public void Setup()
    {
        var options = new EventStreamOptions { Items = 20_000, Users = 10_000, EventsPerUser = 100 };
        _pool = [.. new EventStreamGenerator(1, options).Interleaved()];
        _state = new LiveState(new StateOptions(), EventTypeRegistry.Default);
        foreach (var item in CatalogMother.Items(options.Items)) _state.UpsertItem(item);
        foreach (var e in _pool) _state.Apply(e); // first pass: fills rings halfway, creates users
        foreach (var e in _pool) _state.Apply(e); // second pass: rings full, steady state
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void Apply_PerEvent()
    {
        var pool = _pool;
        int start = _offset;
        for (int i = 0; i < Batch; i++) _state.Apply(pool[start + i]);
        _offset = start + Batch >= pool.Length ? 0 : start + Batch;
    }
}
