using LiveRank.Policies;
using LiveRank.Server.Hosting;
using LiveRank.Server.Validation;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Policies;

/// <summary>DI registration of ranking policies: <c>LiveRank:Policies</c> validated at start, and the <see cref="PolicyRanker"/>.</summary>
public static class PolicyRegistration
{
    public static IServiceCollection AddLiveRankPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicySettings>().Bind(configuration.GetSection(PolicySettings.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PolicySettings>, PolicySettingsValidator>();
        // Created on first use, after the store has opened (hosted services start before requests are served).
        services.AddSingleton(sp =>
        {
            var configured = PolicySettingsReader.Read(sp.GetRequiredService<IOptions<PolicySettings>>().Value, PolicySettings.Section, new ValidationErrors())
                ?? RankingPolicy.None; // unreachable: the options validator has refused an invalid section at start
            return new PolicyRanker(sp.GetRequiredService<StoreHost>().Store.State, configured, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
