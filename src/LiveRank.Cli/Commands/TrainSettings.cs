using System.ComponentModel;
using LiveRank.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>Options of <c>liverank train</c>.</summary>
public sealed class TrainSettings : CommandSettings
{
    [CommandOption("--store <CONN>")]
    [Description("Train on the events this store holds (each user's recent-event ring; stop the server first: the store is not locked against a second process); the model goes to its models/ folder, where the server looks.")]
    [DefaultValue(StateStoreFactory.DefaultConnection)]
    public string Store { get; init; } = StateStoreFactory.DefaultConnection;

    [CommandOption("--dataset <KIND:PATH>")]
    [Description("Train on a dataset's files instead of the store: movielens:DIR, amazon:DIR or jsonl:DIR.")]
    public string? Dataset { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for the model file (default: models/ inside the embedded store).")]
    public string? Out { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("The server's configuration file: LiveRank:Text and LiveRank:Encoder are read from it, so the LM features match what the server computes.")]
    public string? Config { get; init; }

    [CommandOption("--cache <DIR>")]
    [Description("Vector cache directory (default: the store's vectors/ with --store; vectors-train/ beside it with --dataset, so a running server's cache is never written by two processes).")]
    public string? Cache { get; init; }

    [CommandOption("--no-lm")]
    [Description("Train without the language model (no adapter, no LM features).")]
    public bool NoLanguageModel { get; init; }

    [CommandOption("--seed <N>")]
    [DefaultValue(1)]
    public int Seed { get; init; } = 1;

    public override ValidationResult Validate()
    {
        if (Config is not null && !File.Exists(Config)) return ValidationResult.Error($"Configuration file '{Config}' does not exist.");
        if (Dataset is not null && (Dataset.IndexOf(':', StringComparison.Ordinal) is <= 0 || Dataset.EndsWith(':')))
            return ValidationResult.Error($"Dataset '{Dataset}' is not KIND:PATH (e.g. movielens:samples/ml-latest-small).");
        return StoreConnection.TryParse(Store, out _, out string? error) ? ValidationResult.Success() : ValidationResult.Error(error!);
    }
}
