using LiveRank.Cli.Output;
using LiveRank.Import;
using LiveRank.Storage;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary><c>liverank import amazon DIR [--store CONN]</c></summary>
public sealed class ImportAmazonCommand : AsyncCommand<ImportAmazonSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ImportAmazonSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            // Check the folder before opening (and so creating) a store.
            var reader = new AmazonReviewsReader(settings.Directory);
            return await ImportRun.RunAsync(settings.Store, new StoreOptions(), reader, cancellationToken);
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }
}
