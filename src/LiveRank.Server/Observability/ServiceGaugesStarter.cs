namespace LiveRank.Server.Observability;

/// <summary>
/// Creates the observable instruments when the host starts, after option validation, so that a bad configuration
/// fails the start with its own message rather than the building of the app.
/// </summary>
internal sealed class ServiceGaugesStarter(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ServiceGauges>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
