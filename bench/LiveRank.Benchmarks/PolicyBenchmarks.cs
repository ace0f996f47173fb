using BenchmarkDotNet.Attributes;
using LiveRank.Benchmarks.Config;
using LiveRank.Domain;
using LiveRank.Policies;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>
/// Rerank of 100 candidates for users with 200 events (random 384-d item vectors, 10k items, 5k users) through the
/// <see cref="PolicyRanker"/>: without a policy (the pass-through every request takes), with filters, a boost, a
/// category cap and a pin, and with MMR diversity (λ 0.3) filling 10 and 100 positions.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class PolicyBenchmarks
{
    private const int RequestCount = 256;
    private RerankFixture _fixture = null!;
    private PolicyRanker _policies = null!;
    private RankRequest[] _requests = null!;
    private RankRequest[] _limit10 = null!;
    private RankingPolicy _rules = null!;
    private RankingPolicy _diversity = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = RerankFixture.Create(RerankFixture.RecommendStream);
        _policies = new PolicyRanker(_fixture.State, RankingPolicy.None, TimeProvider.System);
        _requests = _fixture.WarmRequests(RequestCount);
        _limit10 = [.. _requests.Select(r => r with { Limit = 10 })];
        _rules = new RankingPolicy
        {
            ExcludePurchased = true,
            ExcludeSeenWithin = TimeSpan.FromDays(1),
            Exclude = [ItemCondition.Parse("category == c3")],
            Boosts = [new ScoreBoost(ItemCondition.Parse("category == c1"), 0.5f)],
            Caps = [new ExposureCap(CapField.Category, 2, 10)],
            Pins = [new PinnedItem(CatalogMother.ItemId(5), 1)],
        };
        _diversity = new RankingPolicy { Diversity = 0.3 };
    }

    [Benchmark(Baseline = true)]
    public RankResult Rerank100_NoPolicy() => _policies.Rank(_fixture.Reranker, _requests[_next++ & (RequestCount - 1)]);

    [Benchmark]
    public RankResult Rerank100_FiltersBoostCapPin() => _policies.Rank(_fixture.Reranker, _limit10[_next++ & (RequestCount - 1)], _rules);

    [Benchmark]
    public RankResult Rerank100_Diversity_Limit10() => _policies.Rank(_fixture.Reranker, _limit10[_next++ & (RequestCount - 1)], _diversity);

    [Benchmark]
    public RankResult Rerank100_Diversity_All100() => _policies.Rank(_fixture.Reranker, _requests[_next++ & (RequestCount - 1)], _diversity);
}
