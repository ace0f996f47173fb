using BenchmarkDotNet.Attributes;
using LiveRank.Features;
using LiveRank.Scoring;

namespace LiveRank.Benchmarks;

/// <summary>
/// Every feature's <c>Fill</c> on its own (the language-model ones included), for a user with 200 events and 100 mixed candidates
/// (see <see cref="RankContextBenchmarks"/> for the rest of the path). Tells which part of
/// <see cref="RerankBenchmarks"/> to optimise.
/// </summary>
[MemoryDiagnoser]
public class FeatureBenchmarks
{
    private RankContext _context = null!;
    private IFeature _feature = null!;
    private HeuristicScorer _scorer = null!;

    // The six real-time features and the four language-model ones (the fixture's items carry random 384-d vectors).
    [Params("covisitation", "category_affinity", "trending", "popularity", "upstream", "purchased",
        "session_similarity", "profile_similarity", "narrative_similarity", "recent_item_similarity")]
    public string Feature { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var fixture = RerankFixture.Create(RerankFixture.DefaultStream);
        _scorer = new HeuristicScorer();
        _context = new RankContext(fixture.State, _scorer.Features.Count);
        _context.Load(fixture.WarmRequests(1)[0]);
        foreach (var f in _scorer.Features)
        {
            if (f.Name == Feature) _feature = f;
        }
        if (_feature is null) throw new InvalidOperationException($"No feature named {Feature}.");
        for (int f = 0; f < _scorer.Features.Count; f++) _scorer.Features[f].Fill(_context, _context.Column(f));
    }

    [Benchmark]
    public void Fill() => _feature.Fill(_context, _context.Column(0));
}
