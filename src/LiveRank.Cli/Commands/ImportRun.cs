using LiveRank.Cli.Output;
using LiveRank.Import;
using LiveRank.Storage;
using Spectre.Console;

namespace LiveRank.Cli.Commands;

/// <summary>What both import commands do once they hold a reader: open the store, import with progress, summarise, close.</summary>
internal static class ImportRun
{
    public static async Task<int> RunAsync(string connection, StoreOptions options, IDatasetReader reader, CancellationToken cancellationToken)
    {
        options.Connection = connection;
        var store = await StateStoreFactory.OpenAsync(connection, options, cancellationToken: cancellationToken);
        ImportSummary summary;
        await using (store)
        {
            var importer = new DatasetImporter(store);
            summary = ImportProgressView.IsInteractive
                ? await ImportProgressView.RunWithBarAsync(reader.Name, p => importer.ImportAsync(reader, p, cancellationToken))
                : await importer.ImportAsync(reader, new PlainProgress(reader.Name), cancellationToken);
        }
        // Printed after the store is closed (and so snapshotted): the figures describe a durable result.
        PrintSummary(summary, StoreConnection.Parse(connection));
        return 0;
    }

    private static void PrintSummary(ImportSummary summary, StoreConnection store)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("items").AddColumn("events accepted").AddColumn("duplicates").AddColumn("seconds").AddColumn("events/s");
        foreach (var column in table.Columns) column.RightAligned();
        table.AddRow(
            summary.Items.ToString("N0"),
            summary.EventsAccepted.ToString("N0"),
            summary.Duplicates.ToString("N0"),
            summary.Elapsed.TotalSeconds.ToString("F2"),
            summary.EventsPerSecond.ToString("N0"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"store: {store.Kind.ToString().ToLowerInvariant()} {store.Target}");
    }
}
