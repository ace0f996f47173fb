using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class ImportMovieLensSettings : ImportSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A MovieLens latest-small folder.")]
    public string Directory { get; init; } = "";
}
