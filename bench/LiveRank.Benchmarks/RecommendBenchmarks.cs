using BenchmarkDotNet.Attributes;
using LiveRank.Benchmarks.Config;
using LiveRank.Domain;
using LiveRank.Scoring;

namespace LiveRank.Benchmarks;

/// <summary>
/// In-process <see cref="Reranker.Recommend"/> (10 items) over a 10k-item catalog with random 384-d item vectors and
/// 5k users × 200 events: retrieval (co-visitation, a brute-force LM neighbour pass over every item vector, the
/// popular fill) then the heuristic over 300 candidates. Target p99 ≤ 5 ms per call (per-call percentiles:
/// <c>recommend</c> runner; the columns here are over iteration means).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class RecommendBenchmarks
{
    private const int RequestCount = 256;
    private Reranker _reranker = null!;
    private RecommendRequest[] _warm = null!;
    private RecommendRequest[] _cold = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = RerankFixture.Create(RerankFixture.RecommendStream);
        _reranker = fixture.Reranker;
        _warm = fixture.RecommendRequests(RequestCount);
        _cold = fixture.RecommendRequests(RequestCount, cold: true);
    }

    /// <summary>A user with 200 recent events and LM profiles; rotates over 256 users.</summary>
    [Benchmark(Baseline = true)]
    public RankResult Recommend10_User200Events() => _reranker.Recommend(_warm[_next++ & (RequestCount - 1)]);

    /// <summary>A user the state has never seen: popular items only, no LM pass.</summary>
    [Benchmark]
    public RankResult Recommend10_ColdUser() => _reranker.Recommend(_cold[_next++ & (RequestCount - 1)]);
}
