using BenchmarkDotNet.Attributes;
using LiveRank.Domain;
using LiveRank.Features;
using LiveRank.Scoring;

namespace LiveRank.Benchmarks;

/// <summary>
/// The non-feature parts of a rerank: <see cref="RankContext"/> loading (100 id lookups, copying the user's
/// 200 events under the user lock, the upstream prior) and <see cref="HeuristicScorer.Score"/>.
/// </summary>
[MemoryDiagnoser]
public class RankContextBenchmarks
{
    private RankContext _context = null!;
    private RankRequest _request = null!;
    private HeuristicScorer _scorer = null!;
    private float[] _scores = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = RerankFixture.Create(RerankFixture.DefaultStream);
        _scorer = new HeuristicScorer();
        _request = fixture.WarmRequests(1)[0];
        _context = new RankContext(fixture.State, _scorer.Features.Count);
        _context.Load(_request);
        for (int f = 0; f < _scorer.Features.Count; f++) _scorer.Features[f].Fill(_context, _context.Column(f));
        _scores = new float[_context.Count];
    }

    [Benchmark]
    public void Load() => _context.Load(_request);

    [Benchmark]
    public void Score() => _scorer.Score(_context, _scores);
}
