namespace LiveRank.Evaluation.Protocols;

/// <summary>Which held-out item a run scores: validation (input = train) for tuning, test (input = train + validation) once.</summary>
public enum HoldoutTarget
{
    Validation,
    Test,
}
