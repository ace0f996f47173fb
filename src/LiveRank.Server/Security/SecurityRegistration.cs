using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Security;

/// <summary>DI and pipeline registration of API keys, per-key rate limits and CORS (docs/security.md).</summary>
public static class SecurityRegistration
{
    private const string CorsPolicy = "LiveRank";

    public static IServiceCollection AddLiveRankSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton(sp => new ApiKeyRing(sp.GetRequiredService<IOptions<SecurityOptions>>().Value));

        // Configured from the bound options (not from configuration read here), so every configuration source counts.
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((o, security) => ConfigureRateLimits(o, security.Value.RateLimit));
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
            o.AddPolicy(CorsPolicy, p => p.WithOrigins([.. security.Value.Cors.AllowedOrigins])
                .WithHeaders("content-type", ApiKeyMiddleware.Header).WithMethods("GET", "POST", "DELETE")));
        return services;
    }

    private static void ConfigureRateLimits(RateLimiterOptions o, RateLimitSettings settings)
    {
        if (settings.PermitsPerSecond <= 0) return;
        int permits = settings.PermitsPerSecond;
        int burst = settings.Burst > 0 ? settings.Burst : permits;
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            // Only requests that passed the key check carry a caller; open endpoints (health, docs) are not limited.
            context.Items[ApiKeyMiddleware.CallerItem] is string caller
                ? RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter(""));
        o.OnRejected = (rejected, cancellationToken) =>
        {
            var context = rejected.HttpContext;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return new ValueTask(TypedResults.Problem($"Rate limit of {permits} requests per second (burst {burst}) reached; retry in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                type: "https://liverank.dev/problems/rate-limited").ExecuteAsync(context));
        };
    }

    /// <summary>CORS (when origins are configured), the key check, then the rate limiter (it partitions by the key found).</summary>
    public static WebApplication UseLiveRankSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var keys = app.Services.GetRequiredService<ApiKeyRing>();
        if (keys.Open)
        {
            app.Logger.LogWarning("LOCAL DEVELOPMENT MODE: no API keys are configured ({Section}:ApiKeys), so every endpoint — " +
                "ingestion, user export and deletion, model reload — is open to anyone who can reach this server.", SecurityOptions.Section);
        }
        else
        {
            app.Logger.LogInformation("API keys: {Count} configured; requests need {Header} with the endpoint's scope.", options.ApiKeys.Count, ApiKeyMiddleware.Header);
        }
        if (options.Cors.AllowedOrigins.Count > 0) app.UseCors(CorsPolicy);
        app.UseMiddleware<ApiKeyMiddleware>();
        if (options.RateLimit.PermitsPerSecond > 0) app.UseRateLimiter();
        return app;
    }
}
