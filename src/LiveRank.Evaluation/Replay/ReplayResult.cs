using LiveRank.Evaluation.Reports;

namespace LiveRank.Evaluation.Replay;

/// <summary>A P3 run: the report in the contract's shape, and the wall-clock figures that only report.md shows.</summary>
public sealed record ReplayResult(EvaluationReport Report, ReplayTimings Timings, ReplayPlan Plan, string ServiceKind);
