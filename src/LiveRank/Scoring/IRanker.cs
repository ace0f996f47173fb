using LiveRank.Domain;

namespace LiveRank.Scoring;

/// <summary>
/// What the service ranks with: re-rank a given candidate list, or recommend from the whole catalog. The heuristic
/// reranker serves before any model is trained; a trained model replaces it without a restart. Thread-safe.
/// </summary>
public interface IRanker
{
    /// <summary>Model name and version, reported with every ranking.</summary>
    string Model { get; }

    RankResult Rank(RankRequest request);

    RankResult Recommend(RecommendRequest request);
}
