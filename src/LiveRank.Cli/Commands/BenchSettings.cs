using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class BenchSettings : CommandSettings
{
    public static readonly string[] Steps = ["rerank", "recommend", "ingest", "recovery", "memory", "bdn", "load"];

    [CommandOption("--quick")]
    [Description("Smaller runner sizes and BenchmarkDotNet's short job on the HTTP-path suite only (about 8 min on 2 cores instead of 25)")]
    public bool Quick { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where the Markdown table goes. Default: bench/results/<UTC time>.md in the checkout")]
    public string? Out { get; init; }

    [CommandOption("--skip <STEPS>")]
    [Description("Comma-separated steps to leave out: rerank, recommend, ingest, recovery, memory, bdn, load")]
    public string? Skip { get; init; }

    [CommandOption("--repo <DIR>")]
    [Description("The LiveRank checkout holding bench/run.sh. Default: found upwards from the current directory")]
    public string? Repository { get; init; }

    public override ValidationResult Validate()
    {
        foreach (string step in (Skip ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Steps.Contains(step))
                return ValidationResult.Error($"--skip: '{step}' is not a step; steps are {string.Join(", ", Steps)}.");
        }
        return ValidationResult.Success();
    }
}
