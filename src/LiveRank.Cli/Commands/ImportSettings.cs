using System.ComponentModel;
using LiveRank.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>Options shared by every <c>import</c> sub-command.</summary>
public class ImportSettings : CommandSettings
{
    [CommandOption("--store <CONN>")]
    [Description("Store connection string: embedded:///absolute/dir, embedded://./relative or a plain path.")]
    [DefaultValue(StateStoreFactory.DefaultConnection)]
    public string Store { get; init; } = StateStoreFactory.DefaultConnection;

    public override ValidationResult Validate() =>
        StoreConnection.TryParse(Store, out _, out string? error) ? ValidationResult.Success() : ValidationResult.Error(error!);
}
