using LiveRank.Scoring.Models;
using LiveRank.Retrieval;
using LiveRank.Server.Contracts;
using LiveRank.Server.Demo;
using LiveRank.Server.Endpoints;
using LiveRank.Server.Hosting;
using LiveRank.Server.Observability;
using LiveRank.Server.Options;
using LiveRank.Server.Policies;
using LiveRank.Server.Security;
using LiveRank.Semantics;
using LiveRank.Storage;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Microsoft.Extensions.Options;

namespace LiveRank.Server;

/// <summary>
/// Builds the LiveRank HTTP server. Configuration: <c>appsettings.json</c>, the file named by
/// <c>LiveRank:ConfigFile</c>, environment variables (<c>LiveRank__Store__Connection=…</c>) and command-line
/// arguments (<c>--LiveRank:Store:Connection=…</c>), later sources winning.
/// </summary>
public static class LiveRankApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the program's folder, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (builder.Configuration["LiveRank:ConfigFile"] is { Length: > 0 } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables().AddCommandLine(args); // keep env and args above the file
        }
        builder.Services.AddLiveRank(builder.Configuration);
        builder.Services.AddLiveRankObservability(builder.Configuration).AddLiveRankDemo(); // /metrics and /demo
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLiveRankObservability(); // GET /metrics and rank timing; open like /healthz
        app.UseLiveRankSecurity();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "LiveRank v1");
            o.RoutePrefix = "docs";
            o.DocumentTitle = "LiveRank API";
        });
        app.MapHealthEndpoints();
        app.MapItemEndpoints();
        app.MapEventEndpoints();
        app.MapRankEndpoints();
        app.MapModelEndpoints();
        app.MapUserEndpoints();
        app.MapEmbeddingEndpoints();
        app.MapDemoEndpoints(); // GET /demo (the page) and GET /v1/demo/* (its read-only helpers)
        if (app.Services.GetRequiredService<IOptions<BenchOptions>>().Value.EchoEndpoint) app.MapBenchEndpoints();
        return app;
    }

    /// <summary>Registers LiveRank's options, store, ranker holder and model host, item template, narrative renderer and HTTP plumbing.</summary>
    public static IServiceCollection AddLiveRank(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection("LiveRank:Store")).ValidateDataAnnotations().ValidateOnStart()
            .Validate(o => StoreConnection.TryParse(o.Connection, out _, out _), "LiveRank:Store:Connection is not a valid connection string.");
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection("LiveRank:Api")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SemanticOptions>().Bind(configuration.GetSection("LiveRank:Semantic")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection("LiveRank:Demo"));
        services.AddOptions<BenchOptions>().Bind(configuration.GetSection("LiveRank:Bench"));
        services.AddOptions<TextOptions>().Bind(configuration.GetSection(TextOptionsValidator.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TextOptions>, TextOptionsValidator>();
        // Compiled once; the validator has already checked that it compiles.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TextOptions>>().Value.CreateItemTemplate());
        services.AddSingleton(sp => new NarrativeRenderer(sp.GetRequiredService<IOptions<TextOptions>>().Value.Narrative));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StoreOptions>>().Value);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DemoLoader>();
        services.AddSingleton<SemanticHost>();
        services.AddSingleton<StoreHost>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreHost>());
        services.AddOptions<LiveRetrievalOptions>().Bind(configuration.GetSection("LiveRank:Retrieval")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().Bind(configuration.GetSection(ModelOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>();
        services.AddSingleton<RankerHolder>();
        // Online correction from feedback (issue 6): off unless LiveRank:Learning:Enabled.
        services.AddOptions<LiveRank.Learning.OnlineLearningOptions>().Bind(configuration.GetSection(LiveRank.Learning.OnlineLearningOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LearningHost>();
        // Trained models (*.lrmodel, written by `liverank train`); the host reads every registered IRankingModelLoader.
        services.AddSingleton<IRankingModelLoader, LearnedModelLoader>();
        services.AddSingleton<ModelHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelHost>()); // after StoreHost: hosted services start in order
        services.AddOptions<LiveRank.Storage.Redis.Ingestion.IngestConsumerOptions>().Bind(configuration.GetSection("LiveRank:Ingestion"))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<Ingestion.StreamIngestionService>(); // Redis stream consumer, when LiveRank:Ingestion:Enabled
        services.AddLiveRankEncoder(configuration);
        services.AddLiveRankPolicies(configuration);
        services.AddLiveRankSecurity(configuration);

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddProblemDetails();
        services.AddExceptionHandler<StoreUnavailableHandler>(); // shared store down: writes answer 503, never a 500
        services.AddOpenApi();
        return services;
    }

    /// <summary>
    /// Registers the text encoder: <see cref="EncoderOptions"/> from <c>LiveRank:Encoder</c>, validated at start, and the
    /// <see cref="ITextEncoder"/> singleton, created from them on first use — so the server starts without loading a
    /// model, and processes that never embed never load one.
    /// </summary>
    public static IServiceCollection AddLiveRankEncoder(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EncoderOptions>().Bind(configuration.GetSection("LiveRank:Encoder")).ValidateDataAnnotations().ValidateOnStart()
            // A serving process encodes in the background (new items, narratives) while it ranks: by default one encoder
            // call takes half the cores, so requests keep the rest (under 2,000 events/s + 1,000 reranks/s on 2 cores the
            // rerank p99 was 37 ms with every core, 16 ms with one; docs/realtime.md). Batch commands use every core.
            .PostConfigure(o => o.Threads ??= Math.Max(1, Environment.ProcessorCount / 2));
        services.AddSingleton<ITextEncoder>(sp => EncoderFactory.Create(sp.GetRequiredService<IOptions<EncoderOptions>>().Value));
        services.AddSingleton<EncoderHost>();
        return services;
    }
}
