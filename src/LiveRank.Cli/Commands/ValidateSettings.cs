using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class ValidateSettings : CommandSettings
{
    [CommandOption("--config <FILE>")]
    [Description("The JSON configuration file to check.")]
    public string? Config { get; init; }

    public override ValidationResult Validate() =>
        Config is null ? ValidationResult.Error("Name the file to check with --config FILE.") : ValidationResult.Success();
}
