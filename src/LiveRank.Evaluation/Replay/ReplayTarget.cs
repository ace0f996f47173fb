namespace LiveRank.Evaluation.Replay;

/// <summary>
/// A post-cut interaction the service is asked to predict: the replay event at <see cref="EventIndex"/>, and per seed
/// the shuffled candidate list (the event's item plus sampled items the user had not interacted with before it).
/// </summary>
public sealed record ReplayTarget(int EventIndex, IReadOnlyList<string[]> Lists);
