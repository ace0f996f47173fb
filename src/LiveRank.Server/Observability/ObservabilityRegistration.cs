using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;

namespace LiveRank.Server.Observability;

/// <summary>
/// Metrics through OpenTelemetry, exported for Prometheus on <c>GET /metrics</c>: the <c>LiveRank</c> meter, ASP.NET
/// Core's request and Kestrel meters and the .NET runtime's. Register with <see cref="AddLiveRankObservability"/>,
/// switch on with <see cref="UseLiveRankObservability"/>.
/// </summary>
public static class ObservabilityRegistration
{
    // Meters built into ASP.NET Core and .NET (no instrumentation package needed since .NET 8/9).
    private static readonly string[] PlatformMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics", "System.Runtime",
    ];

    public static IServiceCollection AddLiveRankObservability(this IServiceCollection services, IConfiguration configuration)
    {
        // The slim host pins the console formatter to "simple"; honour Logging:Console:FormatterName (json, systemd)
        // so that operators can switch to one JSON object per line without a code change.
        if (configuration["Logging:Console:FormatterName"] is { Length: > 0 } formatter)
            services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = formatter);
        services.AddSingleton<LiveRankMetrics>();
        services.AddSingleton<ServiceGauges>();
        services.AddHostedService<ServiceGaugesStarter>();
        services.AddExceptionHandler<StoreErrorCounter>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(LiveRankMetrics.MeterName)
            .AddMeter(PlatformMeters)
            // Every scrape reads fresh values: the exporter's default 300 ms response cache would hide a change that a
            // scrape right after a request should see.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Maps <c>/metrics</c> and starts timing rank requests. Call once, early in the pipeline.</summary>
    public static WebApplication UseLiveRankObservability(this WebApplication app)
    {
        app.UseMiddleware<RankTimingMiddleware>();
        app.MapPrometheusScrapingEndpoint("/metrics").WithTags("Health").ExcludeFromDescription();
        return app;
    }
}
