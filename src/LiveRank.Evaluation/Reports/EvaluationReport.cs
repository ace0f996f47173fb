namespace LiveRank.Evaluation.Reports;

/// <summary>Everything a report file says about one protocol run.</summary>
public sealed record EvaluationReport
{
    public required string Protocol { get; init; }
    public required string DatasetName { get; init; }
    public int Users { get; init; }
    public int Items { get; init; }
    public int Interactions { get; init; }
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>P1/P5 mask window (0 = whole history); null for P2.</summary>
    public int? MaskWindow { get; init; }

    public int BootstrapResamples { get; init; }
    public required IReadOnlyList<SystemReport> Systems { get; init; }
    public IReadOnlyList<PairedTestReport> PairedTests { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Per evaluated user (the rows of every system's per-user metrics): train + validation length.</summary>
    public IReadOnlyList<int> HistoryLengths { get; init; } = [];

    /// <summary>Per evaluated user: train + validation interactions of the user's test item (its popularity).</summary>
    public IReadOnlyList<int> TargetPopularity { get; init; } = [];

    /// <summary>Wall time of the whole run; only report.md shows it, so report.json stays byte-identical per seed.</summary>
    public TimeSpan Elapsed { get; init; }
}
