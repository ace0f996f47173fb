using BenchmarkDotNet.Attributes;
using LiveRank.Benchmarks.Config;
using LiveRank.Domain;
using LiveRank.Scoring;
using LiveRank.State;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>
/// In-process rerank of 100 candidates (popular, tail and unknown ids) with the heuristic scorer, against state
/// holding 20k items and 10k users × 200 events. Target: p50 ≤ 50 µs, p99 ≤ 200 µs per call
/// (per-call percentiles: <c>rerank</c> runner; the columns here are over iteration means).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class RerankBenchmarks
{
    private const int RequestCount = 256;
    private Reranker _reranker = null!;
    private RankRequest[] _warm = null!;
    private RankRequest[] _cold = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var fixture = RerankFixture.Create(RerankFixture.DefaultStream);
        _reranker = fixture.Reranker;
        _warm = fixture.WarmRequests(RequestCount);
        _cold = fixture.ColdRequests(RequestCount);
    }

    /// <summary>A user with 200 recent events; rotates over 256 users so caches are not unrealistically hot.</summary>
    [Benchmark(Baseline = true)]
    public RankResult Rerank100_User200Events() => _reranker.Rank(_warm[_next++ & (RequestCount - 1)]);

    /// <summary>A user the state has never seen: only item statistics and the upstream order count.</summary>
    [Benchmark]
    public RankResult Rerank100_ColdUser() => _reranker.Rank(_cold[_next++ & (RequestCount - 1)]);
}
