using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using LiveRank.Retrieval;
using LiveRank.Server;
using LiveRank.Server.Options;
using LiveRank.Storage;
using LiveRank.Semantics;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using Microsoft.Extensions.Options;

namespace LiveRank.Cli.Configuration;

/// <summary>
/// Checks a configuration file the way the server would read it, without starting anything: the JSON parses, the store
/// connection string parses, <c>LiveRank:Store</c> binds to <see cref="StoreOptions"/> with no unknown keys and every
/// range holds (nested sections included), <c>LiveRank:Text</c> likewise (its item template compiles),
/// <c>LiveRank:Encoder</c> binds to <see cref="EncoderOptions"/> with no unknown keys and what its kind needs is there (a
/// folder model's files, a remote endpoint's address; no model is loaded), <c>LiveRank:Semantic</c> binds with its
/// ranges held, and the server's other option sections pass their own validation.
/// </summary>
public static class ConfigValidator
{
    private const string StoreSection = "LiveRank:Store";
    private const string TextSection = TextOptionsValidator.Section;
    private const string EncoderSection = "LiveRank:Encoder";
    private const string SemanticSection = "LiveRank:Semantic";

    // The same reader settings as the JSON configuration provider, so a file valid here loads in the server.
    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static bool TryValidate(string path, out string? problem)
    {
        problem = Validate(path);
        return problem is null;
    }

    /// <summary>The first problem found, or null when the file is valid.</summary>
    public static string? Validate(string path)
    {
        if (!File.Exists(path)) return $"configuration file '{path}' does not exist";
        string name = Path.GetFileName(path);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path), JsonOptions);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return $"{name}: the top level must be a JSON object";
        }
        catch (JsonException ex)
        {
            return $"{name} line {(ex.LineNumber ?? 0) + 1}: not valid JSON";
        }

        var configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false).Build();
        return CheckStore(configuration) ?? CheckText(configuration) ?? CheckEncoder(configuration) ?? CheckSemantic(configuration)
            ?? CheckOtherSections(configuration) ?? CheckServerOptions(configuration);
    }

    private static string? CheckStore(IConfiguration configuration)
    {
        var section = configuration.GetSection(StoreSection);
        if (section.Value is not null)
            return $"{StoreSection}: must be a section; put the connection string in {StoreSection}:Connection";
        if (section["Connection"] is { } connection && !StoreConnection.TryParse(connection, out _, out string? error))
            return $"{StoreSection}:Connection: {error}";

        if (UnknownKeys.Find(section, typeof(StoreOptions)) is { } unknown) return $"{unknown}: not a known setting";

        StoreOptions options;
        try
        {
            options = section.Get<StoreOptions>() ?? new StoreOptions();
        }
        catch (InvalidOperationException ex)
        {
            return Rephrase(ex.Message);
        }

        return Annotations(options, StoreSection)
            ?? Annotations(options.State, $"{StoreSection}:State")
            ?? EventTypes(options)
            ?? Ratings(options.Ratings)
            ?? (options.Fsync == FsyncPolicy.Interval && options.FsyncInterval <= TimeSpan.Zero
                ? $"{StoreSection}:FsyncInterval: must be positive when Fsync is Interval"
                : null);
    }

    private static string? CheckText(IConfiguration configuration)
    {
        var section = configuration.GetSection(TextSection);
        if (section.Value is not null)
            return $"{TextSection}: must be a section; put the template or built-in name in {TextSection}:ItemTemplate";
        if (UnknownKeys.Find(section, typeof(TextOptions)) is { } unknown) return $"{unknown}: not a known setting";
        try
        {
            var options = section.Get<TextOptions>() ?? new TextOptions();
            return options.Validate() is { } problem ? $"{TextSection}:{problem}" : null;
        }
        catch (InvalidOperationException ex)
        {
            return Rephrase(ex.Message);
        }
    }

    private static string? CheckEncoder(IConfiguration configuration)
    {
        var section = configuration.GetSection(EncoderSection);
        if (section.Value is not null)
            return $"{EncoderSection}: must be a section; put the encoder kind in {EncoderSection}:Kind";
        if (UnknownKeys.Find(section, typeof(EncoderOptions)) is { } unknown) return $"{unknown}: not a known setting";
        EncoderOptions options;
        try
        {
            options = section.Get<EncoderOptions>() ?? new EncoderOptions();
        }
        catch (InvalidOperationException ex)
        {
            return Rephrase(ex.Message);
        }
        return Annotations(options, EncoderSection);
    }

    private static string? CheckSemantic(IConfiguration configuration)
    {
        var section = configuration.GetSection(SemanticSection);
        if (section.Value is not null) return $"{SemanticSection}: must be a section";
        if (UnknownKeys.Find(section, typeof(SemanticOptions)) is { } unknown) return $"{unknown}: not a known setting";
        SemanticOptions options;
        try
        {
            options = section.Get<SemanticOptions>() ?? new SemanticOptions();
        }
        catch (InvalidOperationException ex)
        {
            return Rephrase(ex.Message);
        }
        return Annotations(options, SemanticSection);
    }

    // Sections whose values the server validates itself (CheckServerOptions); here only their shape and key names.
    private static readonly (string Section, Type Options)[] OtherSections =
    [
        ("LiveRank:Api", typeof(ApiOptions)), ("LiveRank:Demo", typeof(DemoOptions)), ("LiveRank:Bench", typeof(BenchOptions)),
        ("LiveRank:Retrieval", typeof(LiveRetrievalOptions)), (ModelOptions.Section, typeof(ModelOptions)),
    ];

    private static string? CheckOtherSections(IConfiguration configuration)
    {
        foreach (var (name, type) in OtherSections)
        {
            var section = configuration.GetSection(name);
            if (section.Value is not null) return $"{name}: must be a section";
            if (UnknownKeys.Find(section, type) is { } unknown) return $"{unknown}: not a known setting";
        }
        return null;
    }

    private static string? EventTypes(StoreOptions options)
    {
        for (int i = 0; i < options.EventTypes.Count; i++)
            if (Annotations(options.EventTypes[i], $"{StoreSection}:EventTypes:{i}") is { } problem) return problem;
        try
        {
            _ = options.CreateRegistry();
        }
        catch (ArgumentException ex)
        {
            return $"{StoreSection}:EventTypes: {ex.Message}";
        }
        return null;
    }

    private static string? Ratings(LiveRank.Domain.RatingScale ratings) =>
        ratings.Min < ratings.Neutral && ratings.Neutral < ratings.Max
            ? null
            : $"{StoreSection}:Ratings: Min < Neutral < Max must hold (found {ratings.Min}, {ratings.Neutral}, {ratings.Max})";

    private static string? Annotations(object options, string key)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return null;
        var first = results[0];
        string member = first.MemberNames.FirstOrDefault() is { } m ? ":" + m : "";
        return $"{key}{member}: {first.ErrorMessage}";
    }

    /// <summary>Everything else is validated by the server's own registrations, so new option sections are covered as they appear.</summary>
    private static string? CheckServerOptions(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLiveRank(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<ApiOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<DemoOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<BenchOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<TextOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<EncoderOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<SemanticOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<LiveRetrievalOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<ModelOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<LiveRank.Server.Policies.PolicySettings>>().Value;
            _ = provider.GetRequiredService<IOptions<LiveRank.Server.Security.SecurityOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            // Validators that name their key themselves ("LiveRank:Text:ItemTemplate: …") are reported as they are.
            if (ex.Failures.FirstOrDefault() is { } named && named.StartsWith("LiveRank:", StringComparison.Ordinal)) return named;
            string section = ex.OptionsType == typeof(LiveRetrievalOptions)
                ? "LiveRank:Retrieval"
                : "LiveRank:" + ex.OptionsType.Name.Replace("Options", "", StringComparison.Ordinal);
            string failure = ex.Failures.FirstOrDefault() ?? ex.Message;
            // "DataAnnotation validation failed for 'ApiOptions' members: 'MaxBatch' with the error: '…'."
            var m = Regex.Match(failure, "members: '([^']+)' with the error: '(.*)'\\.?$");
            return m.Success ? $"{section}:{m.Groups[1].Value}: {m.Groups[2].Value}" : $"{section}: {failure}";
        }
        catch (InvalidOperationException ex)
        {
            return Rephrase(ex.Message);
        }
        return null;
    }

    /// <summary>Puts the key first in the binder's conversion errors, like every other problem this class reports.</summary>
    private static string Rephrase(string binderMessage)
    {
        // "Failed to convert configuration value 'lots' at 'LiveRank:Store:State:RecentEventsPerUser' to type 'System.Int32'."
        var m = Regex.Match(binderMessage, "value '(.*)' at '([^']+)' to type '([^']+)'");
        if (!m.Success) return binderMessage;
        string type = m.Groups[3].Value;
        type = type[(type.LastIndexOf('.') + 1)..];
        return $"{m.Groups[2].Value}: '{m.Groups[1].Value}' is not a valid {type}";
    }
}
