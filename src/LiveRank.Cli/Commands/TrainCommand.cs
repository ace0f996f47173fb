using System.Diagnostics;
using LiveRank.Cli.Output;
using LiveRank.Domain;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Systems;
using LiveRank.Scoring.Models;
using LiveRank.Semantics;
using LiveRank.Storage;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using LiveRank.Training.Models;
using Microsoft.Extensions.Configuration;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>
/// <c>liverank train</c>: trains the ranking model (LM adapter, retrievers, LambdaMART combiner) on a store's events or
/// a dataset's files and writes a versioned <c>.lrmodel</c> file into the folder the server watches, which hot-swaps
/// it in. Shows each stage with a progress bar and ends with the validation figures and the features that mattered.
/// </summary>
public sealed class TrainCommand : AsyncCommand<TrainSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var connection = StoreConnection.Parse(settings.Store);
            string storeDirectory = Path.GetFullPath(connection.Target);
            var builder = new ConfigurationBuilder();
            if (settings.Config is not null) builder.AddJsonFile(Path.GetFullPath(settings.Config), optional: false);
            var configuration = builder.AddEnvironmentVariables().Build();
            var text = configuration.GetSection("LiveRank:Text").Get<TextOptions>();
            var encoderOptions = configuration.GetSection("LiveRank:Encoder").Get<EncoderOptions>() ?? new EncoderOptions();

            TrainingLog log;
            ItemTemplate template;
            if (settings.Dataset is { } spec)
            {
                Console.WriteLine($"reading {spec}…");
                var reader = InteractionDataset.Reader(spec);
                var items = reader.ReadItems(cancellationToken).ToList();
                log = EventTrainingLog.Build(spec, items, reader.ReadEvents(cancellationToken), EventTypeRegistry.Default);
                template = text is null ? LiveRankSetup.TemplateFor(spec) : text.CreateItemTemplate();
                log = await WithVectorsAsync(log, items, template, settings, encoderOptions, storeDirectory, cancellationToken);
            }
            else
            {
                if (connection.Kind != StoreKind.Embedded) throw new NotSupportedException($"train reads embedded stores only (got {settings.Store}); use --dataset for files.");
                template = (text ?? new TextOptions()).CreateItemTemplate();
                List<Item> items;
                Console.WriteLine($"reading the events of {storeDirectory}…");
                await using (var store = await StateStoreFactory.OpenAsync(settings.Store, new StoreOptions { Connection = settings.Store }, cancellationToken: cancellationToken))
                {
                    items = [.. store.State.CatalogItems()];
                    log = EventTrainingLog.Build("store", items, [.. store.State.RecentEvents()], store.State.Types);
                }
                log = await WithVectorsAsync(log, items, template, settings, encoderOptions, storeDirectory, cancellationToken);
            }
            if (log.UserCount == 0 || log.InteractionCount == 0) return ErrorLine.Write("There are no interactions to train on.");
            Console.WriteLine($"training on {log.UserCount:N0} users, {log.ItemCount:N0} items, {log.InteractionCount:N0} interactions{(log.Vectors is null ? " (no language model)" : $" with {log.EncoderModel}")}…");

            var options = new ModelTrainingOptions { UseLanguageModel = !settings.NoLanguageModel, Seed = settings.Seed };
            ModelTrainingResult result;
            if (ImportProgressView.IsInteractive)
            {
                result = null!;
                await AnsiConsole.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask("training", maxValue: 1);
                        var progress = new Progress<TrainingProgress>(p =>
                        {
                            task.Description = Markup.Escape(p.Line.Length > 70 ? p.Line[..70] + "…" : p.Line);
                            task.Value = Math.Max(task.Value, p.Fraction);
                        });
                        result = await Task.Run(() => ModelTrainer.Train(log, options, progress, cancellationToken), cancellationToken);
                        task.Value = 1;
                    });
            }
            else
            {
                var eta = new Eta();
                result = ModelTrainer.Train(log, options, new Progress<TrainingProgress>(p => Console.WriteLine(p.Line + eta.Suffix(p.Fraction))), cancellationToken);
            }

            string folder = settings.Out is { Length: > 0 } o ? Path.GetFullPath(o) : Path.Combine(storeDirectory, "models");
            string path = Path.Combine(folder, result.Model.Metadata.Label + RankingModel.FileExtension);
            result.Model.Save(path);
            PrintSummary(result, path, clock.Elapsed);
            return 0;
        }
        catch (OperationCanceledException)
        {
            return ErrorLine.Write("Training was cancelled.");
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or NotSupportedException or FormatException
                                      or UnauthorizedAccessException)
        {
            return ErrorLine.Write(e.Message);
        }
    }

    private static async Task<TrainingLog> WithVectorsAsync(TrainingLog log, IReadOnlyList<Item> catalog, ItemTemplate template, TrainSettings settings,
        EncoderOptions encoderOptions, string storeDirectory, CancellationToken cancellationToken)
    {
        if (settings.NoLanguageModel) return log;
        var byId = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in catalog) byId[item.Id] = item;
        using var encoder = EncoderFactory.Create(encoderOptions);
        // A dataset run may happen while a server appends to the store's own cache file; it keeps a cache of its own.
        string cacheDirectory = settings.Cache is { Length: > 0 } c ? Path.GetFullPath(c)
            : Path.Combine(storeDirectory, settings.Dataset is null ? "vectors" : "vectors-train");
        using var cache = EmbeddingCache.Open(cacheDirectory, encoder.ModelId, encoder.Dimension);
        var items = log.ItemIds.Select(id => byId.GetValueOrDefault(id)).ToArray();
        var vectors = await Task.Run(() => ItemTextVectors.Load(items, template, encoder, cache,
            new Progress<string>(Console.WriteLine), cancellationToken), cancellationToken);
        return log.WithVectors(vectors, encoder.Dimension, encoder.ModelId);
    }

    private static void PrintSummary(ModelTrainingResult result, string path, TimeSpan elapsed)
    {
        var r = result.Report;
        var table = new Table().AddColumn("").AddColumn("");
        table.AddRow("model", Markup.Escape(result.Model.Metadata.Label));
        table.AddRow("file", Markup.Escape(path));
        table.AddRow("validation NDCG@10 / Recall@10", $"{r.ValidationNdcg10:F4} / {r.ValidationRecall10:F4}");
        table.AddRow("retrieval recall (union)", $"{r.ValidationRecall:F3} over {r.ValidationMeanCandidates:F0} candidates");
        if (r.AdapterValidationNdcg10 is double adapter) table.AddRow("adapter alone, validation NDCG@10", $"{adapter:F4} ({r.AdapterEpochs} epochs)");
        table.AddRow("combiner", $"{r.CombinerTrees} trees on {r.TrainingGroups:N0} groups / {r.TrainingRows:N0} rows");
        table.AddRow("top features", Markup.Escape(string.Join(", ", r.Importance.Take(6).Select(p => $"{p.Key} {p.Value:P0}"))));
        table.AddRow("time", string.Join(", ", r.Seconds.Select(p => $"{p.Key} {p.Value:F0} s")) + $"; total {elapsed.TotalSeconds:F0} s");
        AnsiConsole.Write(table);
    }
}
