using LiveRank.Server.Options;
using LiveRank.Storage;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>Loads the bundled MovieLens sample into an empty store so that a fresh server can rank at once.</summary>
public sealed class DemoLoader(IOptions<DemoOptions> options, ILogger<DemoLoader> logger)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "samples", "ml-latest-small");

    public Task LoadIfEnabledAsync(IStateStore store, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return Task.CompletedTask;
        string path = options.Value.Path ?? DefaultPath;
        logger.LogWarning("Demo data loading is not wired yet ({Path}).", path);
        _ = store;
        _ = cancellationToken;
        return Task.CompletedTask;
    }
}
