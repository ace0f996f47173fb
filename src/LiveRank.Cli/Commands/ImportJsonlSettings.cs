using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class ImportJsonlSettings : ImportSettings
{
    [CommandOption("--items <FILE>")]
    [Description("JSON-lines items file (one item per line, the shape of POST /v1/items elements).")]
    public string? Items { get; init; }

    [CommandOption("--events <FILE>")]
    [Description("JSON-lines events file (one event per line, the shape of POST /v1/events elements).")]
    public string? Events { get; init; }

    public override ValidationResult Validate()
    {
        if (Items is null && Events is null) return ValidationResult.Error("Name --items FILE, --events FILE or both.");
        return base.Validate();
    }
}
