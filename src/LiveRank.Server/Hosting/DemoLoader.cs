using LiveRank.Import;
using LiveRank.Server.Options;
using LiveRank.Storage;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>Loads the bundled MovieLens sample into an empty store so that a fresh server can rank at once.</summary>
public sealed class DemoLoader(IOptions<DemoOptions> options, ILogger<DemoLoader> logger)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "samples", "ml-latest-small");

    public async Task LoadIfEnabledAsync(IStateStore store, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return;
        string path = options.Value.Path ?? DefaultPath;
        if (!Directory.Exists(path))
        {
            logger.LogWarning("Demo data not found at {Path}; starting with an empty store.", path);
            return;
        }
        logger.LogInformation("Empty store: loading demo data from {Path}", path);
        var summary = await new DatasetImporter(store).ImportAsync(new MovieLensReader(path), cancellationToken: cancellationToken);
        logger.LogInformation("Demo data loaded: {Items:N0} items, {Events:N0} events in {Seconds:0.0} s",
            summary.Items, summary.EventsAccepted, summary.Elapsed.TotalSeconds);
    }
}
