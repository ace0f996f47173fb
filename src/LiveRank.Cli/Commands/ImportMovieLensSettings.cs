using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class ImportMovieLensSettings : ImportSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("A MovieLens folder: latest-small CSV, 100K or 1M (detected from its files).")]
    public string Directory { get; init; } = "";
}
