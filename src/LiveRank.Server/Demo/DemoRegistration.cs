namespace LiveRank.Server.Demo;

/// <summary>Registers the demo page's embedded files.</summary>
public static class DemoRegistration
{
    public static IServiceCollection AddLiveRankDemo(this IServiceCollection services) => services.AddSingleton<DemoAssets>();
}
