using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using LiveRank.Storage;

namespace LiveRank.Cli.Commands;

public sealed class ServeSettings : CommandSettings
{
    [CommandOption("--urls <URLS>")]
    [Description("Addresses to listen on, ';'-separated (e.g. http://127.0.0.1:5000). Default: the configuration's 'urls', else ASP.NET Core's http://localhost:5000.")]
    public string? Urls { get; init; }

    [CommandOption("--store <CONN>")]
    [Description("Store connection string; overrides LiveRank:Store:Connection.")]
    public string? Store { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("A JSON configuration file (see 'liverank validate').")]
    public string? Config { get; init; }

    [CommandOption("--no-demo")]
    [Description("Do not load the bundled demo data into an empty store.")]
    public bool NoDemo { get; init; }

    public override ValidationResult Validate()
    {
        if (Store is not null && !StoreConnection.TryParse(Store, out _, out string? error)) return ValidationResult.Error(error!);
        if (Config is not null && !File.Exists(Config)) return ValidationResult.Error($"Configuration file '{Config}' does not exist.");
        return ValidationResult.Success();
    }
}
