using System.Diagnostics;
using LiveRank.Cli.Output;
using LiveRank.Semantics;
using LiveRank.Storage;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>
/// <c>liverank encode [--store CONN]</c>: encodes every catalog item that has no vector in the persistent cache yet,
/// rebuilds the users' profile vectors, and closes the store with a snapshot that holds them, so the server starts
/// with everything semantic in place. Safe to rerun: cached texts are never encoded twice.
/// </summary>
public sealed class EncodeCommand : AsyncCommand<EncodeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EncodeSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var connection = StoreConnection.Parse(settings.Store);
            if (connection.Kind != StoreKind.Embedded) throw new NotSupportedException($"encode supports embedded stores only (got {settings.Store}).");
            string cacheDirectory = settings.Cache is { Length: > 0 } c ? Path.GetFullPath(c) : Path.Combine(Path.GetFullPath(connection.Target), "vectors");
            // The same sources the server reads (file, then LiveRank__… environment variables), so template and
            // precision match and the server finds every vector in the cache.
            var builder = new ConfigurationBuilder();
            if (settings.Config is not null) builder.AddJsonFile(Path.GetFullPath(settings.Config), optional: false);
            var configuration = builder.AddEnvironmentVariables().Build();
            var text = configuration.GetSection("LiveRank:Text").Get<TextOptions>() ?? new TextOptions();
            var semanticOptions = configuration.GetSection("LiveRank:Semantic").Get<SemanticOptions>() ?? new SemanticOptions();
            if (settings.Precision != VectorPrecision.Float32) semanticOptions.Precision = settings.Precision;
            var template = text.CreateItemTemplate();
            var clock = Stopwatch.StartNew();
            var encoderOptions = configuration.GetSection("LiveRank:Encoder").Get<EncoderOptions>() ?? new EncoderOptions();
            using var encoder = EncoderFactory.Create(encoderOptions);
            using var cache = EmbeddingCache.Open(cacheDirectory, encoder.ModelId, encoder.Dimension);
            int cachedBefore = cache.Count;
            var semantic = new SemanticState(semanticOptions, encoder.ModelId, encoder.Dimension, cache, template.Render);
            var options = new StoreOptions { Connection = settings.Store };
            ItemVectorIndexer indexer;
            await using (var store = await StateStoreFactory.OpenAsync(settings.Store, options, semantic: semantic, cancellationToken: cancellationToken))
            {
                indexer = new ItemVectorIndexer(store.State, encoder);
                if (ImportProgressView.IsInteractive)
                {
                    await AnsiConsole.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .StartAsync(async ctx =>
                        {
                            var task = ctx.AddTask($"encoding with {encoder.ModelId}", maxValue: 1);
                            await Task.Run(() => indexer.EncodeCatalog(new BarProgress(task), cancellationToken), cancellationToken);
                            task.Value = task.MaxValue;
                        });
                }
                else
                {
                    indexer.EncodeCatalog(new LineProgress(encoder.ModelId), cancellationToken);
                }
                var table = new Table().Border(TableBorder.Rounded).AddColumn("catalog items").AddColumn("with vectors")
                    .AddColumn("encoded now").AddColumn("from cache").AddColumn("bytes/item in memory").AddColumn("seconds");
                foreach (var column in table.Columns) column.RightAligned();
                table.AddRow(store.State.CatalogCount.ToString("N0"), semantic.Items.Count.ToString("N0"), indexer.Encoded.ToString("N0"),
                    (semantic.CacheHits + indexer.FromCache).ToString("N0"), (semantic.Items.MemoryBytes / Math.Max(1, semantic.Items.Count)).ToString("N0"),
                    clock.Elapsed.TotalSeconds.ToString("F1"));
                AnsiConsole.Write(table);
            }
            AnsiConsole.MarkupLineInterpolated($"cache: {cache.Path} ({cachedBefore:N0} → {cache.Count:N0} vectors)");
            return 0;
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }

    private sealed class BarProgress(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    private sealed class LineProgress(string model) : IProgress<(int Done, int Total)>
    {
        private int _lastTenth = -1;
        private readonly Eta _eta = new();

        public void Report((int Done, int Total) value)
        {
            int tenth = value.Total > 0 ? value.Done * 10 / value.Total : 10;
            if (tenth <= _lastTenth) return;
            _lastTenth = tenth;
            Console.WriteLine($"encode {model}: {value.Done:N0}/{value.Total:N0}{_eta.Suffix(value.Total > 0 ? (double)value.Done / value.Total : 1)}");
        }
    }
}
