using System.ComponentModel;
using LiveRank.Evaluation;
using LiveRank.Evaluation.Baselines;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class EvaluateSettings : CommandSettings
{
    [CommandOption("--dataset <KIND:PATH>")]
    [Description("Dataset as KIND:PATH, e.g. movielens:samples/ml-latest-small.")]
    public string? Dataset { get; init; }

    [CommandOption("--protocol <P>")]
    [Description("P1 (full ranking, leave-one-out), P2 (sampled 1+99 and 1+19 lists), P3 (real-time replay over HTTP: live against frozen state), P4 (cold items ranked from text) or P5 (beyond accuracy: coverage, ILD, alpha-NDCG, novelty, MMR sweep).")]
    public string? Protocol { get; init; }

    [CommandOption("--systems <LIST>")]
    [Description("Comma-separated systems: pop, itemknn, itemknn-full, covis, ease, bpr; liverank and liverank-no-lm (P2, P4); random and genre (P4). Default: the baselines, plus liverank-no-lm and liverank on P2; on P4 pop, random, genre, liverank-no-lm, liverank.")]
    public string? Systems { get; init; }

    [CommandOption("--seeds <N>")]
    [Description("Number of seeds (1..N): tie-breaks, and P2's candidate draws.")]
    [DefaultValue(3)]
    public int Seeds { get; init; } = 3;

    [CommandOption("--mask-window <N>")]
    [Description("P1: mask the user's N most recent input items (default 200, as published); 0 masks the whole history.")]
    [DefaultValue(200)]
    public int MaskWindow { get; init; } = 200;

    [CommandOption("--ranking <FILE>")]
    [Description("P2: score a ranking file from another system (TSV user, item, score) on the same candidate lists.")]
    public string? Ranking { get; init; }

    [CommandOption("--ranking-name <NAME>")]
    [Description("System name of --ranking in the report.")]
    [DefaultValue("external")]
    public string RankingName { get; init; } = "external";

    [CommandOption("--out <DIR>")]
    [Description("Folder for report.json, report.md, the PNG plots (and P2's candidate lists).")]
    public string? Out { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("P5: folder for the item-vector cache (default: --out); P3: the server's LM vector cache (default: its temporary store). Either way a rerun does not encode again.")]
    public string? Cache { get; init; }

    [CommandOption("--server <URL>")]
    [Description("P3: replay against this running LiveRank server (it should hold no other data). Default: start one in this process on a free loopback port with a temporary store.")]
    public string? Server { get; init; }

    [CommandOption("--in-process")]
    [Description("P3: replay through the library in this process instead of HTTP (deterministic; no narratives).")]
    public bool InProcess { get; init; }

    [CommandOption("--cut-quantile <Q>")]
    [Description("P3: quantile of event time where training stops (0.9 leaves the last 10% of events after the cut).")]
    [DefaultValue(0.9)]
    public double CutQuantile { get; init; } = 0.9;

    [CommandOption("--replay-events <N>")]
    [Description("P3: replay only the first N events after the cut (0 = all of them).")]
    [DefaultValue(0)]
    public int ReplayEvents { get; init; }

    [CommandOption("--model <FILE|train>")]
    [Description("P3: rank with a trained model instead of the heuristic: a .lrmodel file, or 'train' to train one on the events before the cut (as liverank train does). Frozen and live use the same model. Not with --server.")]
    public string? Model { get; init; }

    public string[] SystemList => Systems is null
        ? (Protocol?.ToUpperInvariant()) switch
        {
            "P4" => EvaluationRequest.ColdItemSystems,
            "P2" => [.. BaselineCatalog.Names, LiveRank.Evaluation.Systems.LearnedSystems.Full, .. LiveRank.Evaluation.Systems.LiveRankSystems.Names],
            _ => [.. BaselineCatalog.Names, LiveRank.Evaluation.Systems.LearnedSystems.Full],
        }
        : [.. Systems.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(Dataset)) return ValidationResult.Error("Name the dataset: --dataset KIND:PATH.");
        if (string.IsNullOrWhiteSpace(Protocol)) return ValidationResult.Error("Name the protocol: --protocol P1|P2|P4|P5.");
        if (string.IsNullOrWhiteSpace(Out)) return ValidationResult.Error("Name the output folder: --out DIR.");
        if (Seeds < 1) return ValidationResult.Error("--seeds must be at least 1.");
        if (MaskWindow < 0) return ValidationResult.Error("--mask-window must be 0 or more.");
        if (CutQuantile is <= 0 or >= 1) return ValidationResult.Error("--cut-quantile must lie strictly between 0 and 1.");
        if (ReplayEvents < 0) return ValidationResult.Error("--replay-events must be 0 or more.");
        if (InProcess && Server is not null) return ValidationResult.Error("--in-process and --server exclude each other.");
        if (Model is not null && (InProcess || Server is not null)) return ValidationResult.Error("--model needs the server this command starts (not --in-process or --server).");
        if (Model is not null && Model != "train" && !File.Exists(Model)) return ValidationResult.Error($"--model: no file '{Model}'.");
        if (Server is not null && !Uri.TryCreate(Server, UriKind.Absolute, out _)) return ValidationResult.Error($"--server '{Server}' is not an absolute URL.");
        if (SystemList.Length == 0) return ValidationResult.Error("--systems names no system.");
        string[] known = [.. BaselineCatalog.Names, .. LiveRank.Evaluation.Systems.LearnedSystems.Names, .. LiveRank.Evaluation.Systems.LiveRankSystems.Names, "random", "genre"];
        foreach (string system in SystemList)
            if (!known.Contains(system))
                return ValidationResult.Error($"Unknown system '{system}' (known: {string.Join(", ", known)}).");
        return ValidationResult.Success();
    }
}
