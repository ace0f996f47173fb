using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation;

/// <summary>What <c>liverank evaluate</c> asks for.</summary>
public sealed record EvaluationRequest
{
    public static readonly string[] SupportedProtocols = ["P1", "P2"];

    /// <summary><c>P1</c> or <c>P2</c>.</summary>
    public required string Protocol { get; init; }

    public IReadOnlyList<string> Systems { get; init; } = BaselineCatalog.Names;

    /// <summary>Seeds: P1 uses them to break score ties, P2 also to draw the candidate lists.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>P1: the user's most recent input items masked from the ranking; 0 masks the whole history.</summary>
    public int MaskWindow { get; init; } = FullRankingProtocol.DefaultMaskWindow;

    /// <summary>P2: a ranking file (TSV user, item, score) from another system, scored on the same lists.</summary>
    public string? RankingFile { get; init; }

    /// <summary>System name of <see cref="RankingFile"/> in the report.</summary>
    public string RankingName { get; init; } = "external";

    /// <summary>P2: where to write the candidate lists (one pair of files per seed); null writes none.</summary>
    public string? CandidatesDirectory { get; init; }

    /// <summary>Iterative k-core threshold of the split (the protocols use 5).</summary>
    public int KCore { get; init; } = 5;

    public int BootstrapResamples { get; init; } = Metrics.Bootstrap.DefaultResamples;
}
