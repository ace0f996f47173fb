namespace LiveRank.Evaluation.Replay;

/// <summary>
/// Wall-clock figures of a replay, for report.md only (report.json stays byte-identical per seed). Latencies are
/// measured by the client around each call, so over HTTP they include the loopback round trip and JSON.
/// </summary>
public sealed record ReplayTimings
{
    public TimeSpan Load { get; init; }
    public TimeSpan ReadyWait { get; init; }
    public bool Ready { get; init; } = true;
    public TimeSpan FrozenPass { get; init; }
    public TimeSpan LivePass { get; init; }

    /// <summary>Milliseconds from sending one event to its acknowledgement (the write is synchronous: then it is visible).</summary>
    public double EventPostP50Ms { get; init; }
    public double EventPostP99Ms { get; init; }
    public double EventPostMaxMs { get; init; }

    /// <summary>Milliseconds from sending an event to the end of the first read of the user that was made after it.</summary>
    public double VisibleP50Ms { get; init; }
    public double VisibleP99Ms { get; init; }

    /// <summary>Events the first read of the user (right after the acknowledgement) already showed, of <see cref="EventsSent"/>.</summary>
    public int VisibleOnFirstRead { get; init; }
    public int EventsSent { get; init; }

    public double RerankP50Ms { get; init; }
    public double RerankP99Ms { get; init; }
    public int Reranks { get; init; }
}
