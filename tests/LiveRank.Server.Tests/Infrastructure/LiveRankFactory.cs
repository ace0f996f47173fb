using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRank.Server.Tests.Infrastructure;

/// <summary>
/// Hosts the server in memory on an embedded store in its own temporary directory, demo data off.
/// By default the directory is created here and deleted on dispose; pass a <see cref="TempStoreDirectory"/>
/// to keep it across factories (restart tests).
/// </summary>
public sealed class LiveRankFactory : WebApplicationFactory<Program>
{
    private readonly TempStoreDirectory? _ownedDirectory;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LiveRankFactory(IReadOnlyDictionary<string, string?>? settings = null)
        : this(null, settings)
    {
    }

    public LiveRankFactory(TempStoreDirectory? directory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        if (directory is null) _ownedDirectory = directory = new TempStoreDirectory();
        StoreDirectory = directory.Path;
        _settings = settings ?? new Dictionary<string, string?>();
    }

    /// <summary>The store's directory on disk.</summary>
    public string StoreDirectory { get; }

    /// <summary>Extra service registrations (test-only model loaders and the like), applied after the server's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("LiveRank:Store:Connection", "embedded://" + StoreDirectory);
        builder.UseSetting("LiveRank:Demo:Enabled", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (TestServices is { } register) builder.ConfigureServices(register);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _ownedDirectory?.Dispose(); // also when the host failed to start
        }
    }
}
