using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Diversity;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation;

/// <summary>What <c>liverank evaluate</c> asks for.</summary>
public sealed record EvaluationRequest
{
    /// <summary>The protocols <see cref="EvaluationRunner"/> runs; P3 replays through a service (Replay.ReplayRunner).</summary>
    public static readonly string[] SupportedProtocols = ["P1", "P2", "P4", "P5"];

    /// <summary>Every protocol of protocols.md this build runs, by one runner or the other.</summary>
    public static readonly string[] AllProtocols = ["P1", "P2", "P3", "P4", "P5"];

    /// <summary><c>P1</c>, <c>P2</c> or <c>P5</c>.</summary>
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

    /// <summary>
    /// P5: the item vectors of a split (ILD and the MMR sweep), e.g. the language model's through
    /// <see cref="ItemVectorCache"/>; null leaves ILD and the sweep out.
    /// </summary>
    public Func<LeaveOneOutSplit, IItemVectors>? ItemVectors { get; init; }

    /// <summary>LiveRank itself (<c>liverank</c>, <c>liverank-no-lm</c>): data, encoder, template; null when not asked for.</summary>
    public Systems.LiveRankSetup? LiveRank { get; init; }

    /// <summary>The systems P4 runs by default: what knows only text and categories against what knows nothing.</summary>
    public static readonly string[] ColdItemSystems = ["pop", "random", "genre", "liverank-heuristic-no-lm", "liverank-lm", "liverank-heuristic", "liverank-no-lm", "liverank"];

    /// <summary>One line naming the item vectors for the report, e.g. the model and the text encoded.</summary>
    public string? ItemVectorsDescription { get; init; }

    /// <summary>The error for a protocol <see cref="EvaluationRunner"/> cannot run, or null when it can.</summary>
    public static string? Unsupported(string protocol)
    {
        string name = protocol.ToUpperInvariant();
        if (SupportedProtocols.Contains(name)) return null;
        return name == "P3"
            ? "P3 replays events through a running service: it runs in Replay.ReplayRunner (liverank evaluate --protocol P3), not here."
            : $"Unknown protocol '{protocol}' (supported: {string.Join(", ", AllProtocols)}).";
    }
}
