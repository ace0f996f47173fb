using LiveRank.Domain;
using LiveRank.Scoring;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>A trivial "trained" ranker for model-host tests: the heuristic's order, reversed, under its own model name.</summary>
public sealed class ReversingRanker(string model, IRanker inner) : IRanker
{
    public string Model => model;

    public RankResult Rank(RankRequest request) => Reverse(inner.Rank(request));

    public RankResult Recommend(RecommendRequest request) => Reverse(inner.Recommend(request));

    private RankResult Reverse(RankResult result)
    {
        var items = new RankedItem[result.Items.Count];
        for (int i = 0; i < items.Length; i++) items[i] = result.Items[items.Length - 1 - i] with { Rank = i + 1 };
        return result with { Model = model, Items = items };
    }
}
