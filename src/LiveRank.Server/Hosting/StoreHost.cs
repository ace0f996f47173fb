using LiveRank.Storage;

namespace LiveRank.Server.Hosting;

/// <summary>
/// Owns the store for the server's lifetime: opens (recovers) it before the server listens, loads demo data into an
/// empty store, and disposes it (a final snapshot) on shutdown.
/// </summary>
public sealed class StoreHost(StoreOptions options, SemanticHost semantic, DemoLoader demo, ILogger<StoreHost> logger) : IHostedService
{
    private IStateStore? _store;

    /// <summary>The open store; throws before start.</summary>
    public IStateStore Store => _store ?? throw new InvalidOperationException("The store is not open yet.");

    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var progress = new Progress<RecoveryProgress>(p =>
            logger.LogInformation("Recovering: {Done:N0} of {Total:N0} log bytes, {Records:N0} records", p.BytesDone, p.BytesTotal, p.Records));
        var semanticState = semantic.Create();
        LiveRank.Storage.Redis.RedisStateStore.Register(); // redis:// connection strings

        _store = await StateStoreFactory.OpenAsync(options.Connection, options, progress, semanticState, cancellationToken);
        semantic.Start(_store.State);
        var stats = _store.Statistics;
        logger.LogInformation("Store {Connection} open in {Ms} ms: {Items} items, {Users} users, {Events} events",
            options.Connection, started.ElapsedMilliseconds, stats.Items, stats.Users, stats.EventsLogged);
        if (stats.Items == 0 && stats.EventsLogged == 0) await demo.LoadIfEnabledAsync(_store, cancellationToken);
        IsReady = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsReady = false;
        await semantic.StopAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
            logger.LogInformation("Store closed with a snapshot.");
        }
    }
}
