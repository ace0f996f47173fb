using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Replay;

/// <summary>How a P3 replay is cut, sized and summarised.</summary>
public sealed record ReplayOptions
{
    public const double DefaultCutQuantile = 0.9;
    public const int DefaultReplayEvents = 5_000;

    /// <summary>Quantile of event time at which training stops: 0.9 leaves the last 10% of events after the cut.</summary>
    public double CutQuantile { get; init; } = DefaultCutQuantile;

    /// <summary>At most this many post-cut events are replayed (the first ones after the cut); 0 replays them all.</summary>
    public int ReplayEvents { get; init; } = DefaultReplayEvents;

    /// <summary>Each seed draws its own candidate list per target event; both passes rank every seed's list.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Sampled items per list beside the target (1 + 99, as P2).</summary>
    public int Negatives { get; init; } = 99;

    /// <summary>Items and training events per load call (the API takes at most 10,000).</summary>
    public int BatchSize { get; init; } = 5_000;

    /// <summary>How long to wait for the service's item vectors after the load.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public int BootstrapResamples { get; init; } = Bootstrap.DefaultResamples;

    /// <summary>What the service ranks with, for the report (a trained model's label); null = the default heuristic scorer.</summary>
    public string? Model { get; init; }
}
