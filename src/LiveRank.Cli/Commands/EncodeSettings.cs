using System.ComponentModel;
using LiveRank.Semantics;
using LiveRank.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>Options of <c>liverank encode</c>.</summary>
public sealed class EncodeSettings : CommandSettings
{
    [CommandOption("--store <CONN>")]
    [Description("Store connection string: embedded:///absolute/dir, embedded://./relative or a plain path.")]
    [DefaultValue(StateStoreFactory.DefaultConnection)]
    public string Store { get; init; } = StateStoreFactory.DefaultConnection;

    [CommandOption("--config <FILE>")]
    [Description("The server's configuration file: LiveRank:Text (the item template) and LiveRank:Semantic are read from it, so the vectors match what the server would compute.")]
    public string? Config { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Vector cache directory (default: vectors/ inside the embedded store, where the server looks).")]
    public string? Cache { get; init; }

    [CommandOption("--precision <P>")]
    [Description("In-memory precision reported for the catalog: float32, float16 or int8.")]
    [DefaultValue(VectorPrecision.Float32)]
    public VectorPrecision Precision { get; init; } = VectorPrecision.Float32;

    public override ValidationResult Validate()
    {
        if (Config is not null && !File.Exists(Config)) return ValidationResult.Error($"Configuration file '{Config}' does not exist.");
        return StoreConnection.TryParse(Store, out _, out string? error) ? ValidationResult.Success() : ValidationResult.Error(error!);
    }
}
