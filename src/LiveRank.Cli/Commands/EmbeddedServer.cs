using LiveRank.Server;

namespace LiveRank.Cli.Commands;

/// <summary>
/// A LiveRank server started inside this process for <c>evaluate --protocol P3</c>: a free loopback port, a fresh
/// embedded store in a temporary folder (deleted on dispose), no demo data, the dataset's item template.
/// </summary>
internal sealed class EmbeddedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _storeDirectory;

    private EmbeddedServer(WebApplication app, string storeDirectory, Uri address)
    {
        _app = app;
        _storeDirectory = storeDirectory;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="itemTemplate">LiveRank:Text:ItemTemplate, e.g. <c>movies</c> for MovieLens.</param>
    /// <param name="vectorCache">LiveRank:Semantic:CacheDirectory, so that a rerun encodes nothing; null keeps it in the temporary store.</param>
    /// <param name="settings">More configuration as <c>key=value</c> (tests).</param>
    public static async Task<EmbeddedServer> StartAsync(string itemTemplate, string? vectorCache = null, IEnumerable<string>? settings = null,
        CancellationToken cancellationToken = default)
    {
        string store = Path.Combine(Path.GetTempPath(), $"liverank-p3-{Guid.NewGuid():N}");
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--LiveRank:Store:Connection={store}",
            "--LiveRank:Demo:Enabled=false",
            $"--LiveRank:Text:ItemTemplate={itemTemplate}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
        };
        if (vectorCache is not null) args.Add($"--LiveRank:Semantic:CacheDirectory={Path.GetFullPath(vectorCache)}");
        foreach (string setting in settings ?? []) args.Add("--" + setting);
        var app = LiveRankApp.Build([.. args]);
        try
        {
            await app.StartAsync(cancellationToken);
            // Kestrel replaces port 0 by the port it bound.
            var address = new Uri(app.Urls.First());
            return new EmbeddedServer(app, store, address);
        }
        catch
        {
            await app.DisposeAsync();
            TryDelete(store);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            TryDelete(_storeDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a finished evaluation for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
