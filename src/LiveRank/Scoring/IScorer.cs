using LiveRank.Features;

namespace LiveRank.Scoring;

/// <summary>Turns a filled feature matrix into one score per candidate (higher ranks first).</summary>
public interface IScorer
{
    /// <summary>Model name and version, reported with every ranking.</summary>
    string Model { get; }

    /// <summary>The features this scorer reads, in matrix column order.</summary>
    IReadOnlyList<IFeature> Features { get; }

    void Score(RankContext context, Span<float> scores);

    /// <summary>What feature <paramref name="feature"/> contributed to candidate <paramref name="candidate"/>'s score.</summary>
    float Contribution(RankContext context, int feature, int candidate);
}
