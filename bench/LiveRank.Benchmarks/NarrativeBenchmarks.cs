using BenchmarkDotNet.Attributes;
using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Testing;
using LiveRank.Text;

namespace LiveRank.Benchmarks;

/// <summary>
/// The behaviour narrative of one user holding 200 events (the synthetic stream: 70% views, sessions of 1–20
/// events) over a catalog titled with the 9,742 ml-latest-small movie names; default caps (the newest 50 events,
/// 128 tokens by the default estimate). Rotates over 256 users.
/// </summary>
[MemoryDiagnoser]
public class NarrativeBenchmarks
{
    private LiveState _state = null!;
    private NarrativeRenderer _narrative = null!;
    private string[] _users = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var titles = SampleTitles.Load();
        var stream = new EventStreamGenerator(1, new EventStreamOptions { Items = titles.Count, Users = 256, EventsPerUser = 200 });
        _state = new LiveState(new StateOptions(), EventTypeRegistry.Default);
        for (int i = 0; i < titles.Count; i++) _state.UpsertItem(new Item { Id = CatalogMother.ItemId(i), Title = titles[i] });
        foreach (var e in stream.Interleaved()) _state.Apply(e);
        _users = [.. Enumerable.Range(0, 256).Select(EventStreamGenerator.UserId)];
        _narrative = new NarrativeRenderer();
    }

    [Benchmark]
    public string Narrate() => _narrative.Render(_state, _users[_next++ & 255]);
}
