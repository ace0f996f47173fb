using System.ComponentModel.DataAnnotations;

namespace LiveRank.Learning;

/// <summary>
/// The optional online correction of the served ranking from feedback (<see cref="FeedbackLearner"/>). Section
/// <c>LiveRank:Learning</c>. Off by default: with it on, every served list is remembered by its request id and every
/// event citing that id teaches the correction.
/// </summary>
public sealed class OnlineLearningOptions
{
    public const string Section = "LiveRank:Learning";

    public bool Enabled { get; set; }

    /// <summary>How far the correction may move a score, in units of the list's score spread (max − min).</summary>
    [Range(0.0, 10.0)]
    public double Weight { get; set; } = 0.5;

    /// <summary>Positions a client is assumed to show: impressions are counted, and feedback is learned, within them.</summary>
    [Range(1, 100)]
    public int Depth { get; set; } = 10;

    /// <summary>
    /// Guard against feedback loops, part one: the share of served lists whose top <see cref="Depth"/> is shuffled, so
    /// that every item shown there is also seen at other positions. 0 turns exploration off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ExplorationShare { get; set; } = 0.05;

    /// <summary>
    /// Guard, part two: a click at position p counts 1/θ(p) with θ(p) = p^−η, the chance that a user looks at position p
    /// (inverse propensity weighting), so an item is not credited for where it was shown. 0 counts every click as 1
    /// (no correction: the top of yesterday's list collects the clicks and stays on top).
    /// </summary>
    [Range(0.0, 3.0)]
    public double PositionBiasPower { get; set; } = 1.0;

    /// <summary>The most one click may count after inverse propensity weighting (bounds the variance).</summary>
    [Range(1.0, 1000.0)]
    public double MaxClickWeight { get; set; } = 20;

    /// <summary>Pseudo-impressions at the overall click rate that every item starts with (shrinks items seen a few times).</summary>
    [Range(0.0, 10_000.0)]
    public double Prior { get; set; } = 20;

    /// <summary>Served lists remembered for their feedback (oldest forgotten first).</summary>
    [Range(1, 10_000_000)]
    public int ServedLists { get; set; } = 100_000;

    /// <summary>Seed of the exploration draws (reproducible runs and tests).</summary>
    public int Seed { get; set; } = 1;
}
