using LiveRank.Cli.Output;
using LiveRank.Import;
using LiveRank.Storage;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary><c>liverank import jsonl --items FILE --events FILE [--store CONN]</c></summary>
public sealed class ImportJsonlCommand : AsyncCommand<ImportJsonlSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportJsonlSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var options = new StoreOptions();
            // Event types are checked against the registry the store will use, so a bad type fails with its line number.
            var reader = new JsonlReader(settings.Items, settings.Events, options.CreateRegistry());
            return await ImportRun.RunAsync(settings.Store, options, reader, cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }
}
