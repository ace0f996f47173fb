namespace LiveRank.Evaluation;

/// <summary>
/// Where a run stands: <see cref="Done"/> of <see cref="Total"/> steps (one per tuning configuration and one per
/// test scoring of each system), what runs now, and a <see cref="Line"/> worth printing in a log (a system started
/// or finished, vectors loaded), null for a plain tick.
/// </summary>
public readonly record struct EvaluationProgress(int Done, int Total, string Stage, string? Line);
