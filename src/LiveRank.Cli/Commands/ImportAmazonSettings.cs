using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

public sealed class ImportAmazonSettings : ImportSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("An Amazon reviews folder: one reviews *.json.gz and one meta_*.json.gz (plain .json works too).")]
    public string Directory { get; init; } = "";
}
