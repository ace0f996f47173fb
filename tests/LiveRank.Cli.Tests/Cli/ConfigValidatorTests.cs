using LiveRank.Cli.Configuration;
using Xunit;

namespace LiveRank.Cli.Tests.Cli;

public sealed class ConfigValidatorTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"liverank-config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Validate_GoodFile_ReturnsNull()
    {
        File.WriteAllText(_path, """{ "LiveRank": { "Store": { "Connection": "embedded:///var/lib/liverank", "State": { "RecentEventsPerUser": 500 } } } }""");

        Assert.Null(ConfigValidator.Validate(_path));
    }

    [Fact]
    public void Validate_GoodPoliciesAndSecurity_ReturnsNull()
    {
        File.WriteAllText(_path, """
            { "LiveRank": {
              "Policies": { "Exclude": [ "attributes.stock == 0" ], "Caps": [ { "Field": "brand", "Max": 3 } ], "Diversity": 0.2 },
              "Security": { "ApiKeys": [ { "Key": "0123456789abcdef0123", "Scopes": [ "rank", "admin" ] } ], "RateLimit": { "PermitsPerSecond": 100 } } } }
            """);

        Assert.Null(ConfigValidator.Validate(_path));
    }

    [Theory]
    [InlineData("movies")]
    [InlineData("{title}. Genres: {categories}. Tags: {tags}. {description}")]
    public void Validate_GoodTextSection_ReturnsNull(string template)
    {
        File.WriteAllText(_path, $$"""{ "LiveRank": { "Text": { "ItemTemplate": "{{template}}", "ListSeparator": " / ", "Narrative": { "MaxTokens": 64, "MaxEvents": 20, "MarkSessions": false } } } }""");

        Assert.Null(ConfigValidator.Validate(_path));
    }

    [Theory]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "arctic-xs", "Threads": 2, "BatchSize": 16 } } }""")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "Remote", "Endpoint": "http://127.0.0.1:5000/v1", "Model": "all-MiniLM-L6-v2", "Timeout": "00:00:05" } } }""")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "minilm", "Pooling": "Mean", "MaxTokens": 128 } } }""")]
    public void Validate_GoodEncoderSection_ReturnsNull(string json)
    {
        File.WriteAllText(_path, json);

        Assert.Null(ConfigValidator.Validate(_path));
    }

    [Theory]
    [InlineData("""{ "LiveRank": { "Store": { "Connection": "ftp://x" } } }""", "LiveRank:Store:Connection: Unknown store scheme")]
    [InlineData("""{ "LiveRank": { "Store": { "State": { "RecentEventsPerUser": 0 } } } }""", "LiveRank:Store:State:RecentEventsPerUser: ")]
    [InlineData("""{ "LiveRank": { "Store": { "State": { "RecentEventsPerUser": 10001 } } } }""", "LiveRank:Store:State:RecentEventsPerUser: ")]
    [InlineData("""{ "LiveRank": { "Store": { "State": { "RecentEventsPerUser": "lots" } } } }""", "LiveRank:Store:State:RecentEventsPerUser: 'lots' is not a valid Int32")]
    [InlineData("""{ "LiveRank": { "Store": { "Fsynk": "Always" } } }""", "LiveRank:Store:Fsynk: not a known setting")]
    [InlineData("""{ "LiveRank": { "Api": { "MaxBatch": 0 } } }""", "LiveRank:Api:MaxBatch: ")]
    [InlineData("{ \"LiveRank\": \n { \"Store\": { , } } }", "line 2: not valid JSON")]
    [InlineData("""{ "LiveRank": { "Policies": { "Exclude": [ "stock = 0" ] } } }""", "LiveRank:Policies.exclude[0]: ")]
    [InlineData("""{ "LiveRank": { "Security": { "ApiKeys": [ { "Key": "short", "Scopes": [ "rank" ] } ] } } }""", "LiveRank:Security:ApiKeys:0:Key must be at least 16")]
    [InlineData("""{ "LiveRank": { "Text": { "ItemTemplate": "{title}. Genres: {genres}." } } }""",
        "LiveRank:Text:ItemTemplate: Unknown placeholder {genres} at character 18; fields are title, description")]
    [InlineData("""{ "LiveRank": { "Text": { "ItemTemplate": "moveis" } } }""", "LiveRank:Text:ItemTemplate: 'moveis' is neither a built-in template")]
    [InlineData("""{ "LiveRank": { "Text": { "ItemTemplate": "{title}[ by {brand}" } } }""", "LiveRank:Text:ItemTemplate: Group '[' at character 8 is not closed")]
    [InlineData("""{ "LiveRank": { "Text": { "Narrative": { "MaxTokens": 2 } } } }""", "LiveRank:Text:Narrative:MaxTokens: ")]
    [InlineData("""{ "LiveRank": { "Text": { "Narrative": { "MaxEvents": "many" } } } }""", "LiveRank:Text:Narrative:MaxEvents: 'many' is not a valid Int32")]
    [InlineData("""{ "LiveRank": { "Text": { "Template": "movies" } } }""", "LiveRank:Text:Template: not a known setting")]
    [InlineData("""{ "LiveRank": { "Text": { "Narrative": { "MaxToken": 64 } } } }""", "LiveRank:Text:Narrative:MaxToken: not a known setting")]
    [InlineData("""{ "LiveRank": { "Text": "movies" } }""", "LiveRank:Text: must be a section")]
    [InlineData("""{ "LiveRank": { "Encoder": "minilm" } }""", "LiveRank:Encoder: must be a section")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "bert" } } }""", "LiveRank:Encoder:Kind: 'bert' is not an encoder kind; use one of minilm, arctic-xs, folder, remote")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kindd": "minilm" } } }""", "LiveRank:Encoder:Kindd: not a known setting")]
    [InlineData("""{ "LiveRank": { "Encoder": { "InputNames": { "TokenTypes": "t" } } } }""", "LiveRank:Encoder:InputNames:TokenTypes: not a known setting")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "folder" } } }""", "LiveRank:Encoder:Path: is required with Kind folder")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "folder", "Path": "/no/such/liverank/model" } } }""", "LiveRank:Encoder:Path: folder '/no/such/liverank/model' does not exist")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "remote", "Endpoint": "localhost:5000", "Model": "m" } } }""", "LiveRank:Encoder:Endpoint: must be an absolute http(s) address")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "remote", "Endpoint": "http://127.0.0.1:5000/v1" } } }""", "LiveRank:Encoder:Model: is required with Kind remote")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Kind": "arctic-xs", "Pooling": "mean" } } }""", "LiveRank:Encoder:Pooling: arctic-xs is trained with cls pooling")]
    [InlineData("""{ "LiveRank": { "Encoder": { "Pooling": "max" } } }""", "LiveRank:Encoder:Pooling: 'max' is not a valid Pooling")]
    [InlineData("""{ "LiveRank": { "Encoder": { "BatchSize": 0 } } }""", "LiveRank:Encoder:BatchSize: ")]
    [InlineData("""{ "LiveRank": { "Semantic": { "RecentItems": 0 } } }""", "LiveRank:Semantic:RecentItems: ")]
    [InlineData("""{ "LiveRank": { "Semantic": { "Precision": "float8" } } }""", "LiveRank:Semantic:Precision: 'float8' is not a valid VectorPrecision")]
    [InlineData("""{ "LiveRank": { "Semantic": { "Enable": false } } }""", "LiveRank:Semantic:Enable: not a known setting")]
    [InlineData("""{ "LiveRank": { "Retrieval": { "MaxCandidates": 0 } } }""", "LiveRank:Retrieval:MaxCandidates: ")]
    [InlineData("""{ "LiveRank": { "Model": { "Directory": " " } } }""", "LiveRank:Model:Directory: must not be empty")]
    [InlineData("""{ "LiveRank": { "Api": { "MaxBatchSize": 10 } } }""", "LiveRank:Api:MaxBatchSize: not a known setting")]
    [InlineData("""{ "LiveRank": { "Api": 5 } }""", "LiveRank:Api: must be a section")]
    [InlineData("""{ "LiveRank": { "Demo": { "Enable": false } } }""", "LiveRank:Demo:Enable: not a known setting")]
    [InlineData("""{ "LiveRank": { "Bench": { "Echo": true } } }""", "LiveRank:Bench:Echo: not a known setting")]
    [InlineData("""{ "LiveRank": { "Retrieval": { "MaxCandidate": 10 } } }""", "LiveRank:Retrieval:MaxCandidate: not a known setting")]
    [InlineData("""{ "LiveRank": { "Model": { "WatchFile": true } } }""", "LiveRank:Model:WatchFile: not a known setting")]
    [InlineData("""{ "LiveRank": { "Demo": { "Enabled": "sometimes" } } }""", "LiveRank:Demo:Enabled: 'sometimes' is not a valid Boolean")]
    public void Validate_BadSetting_NamesItsKey(string json, string expected)
    {
        File.WriteAllText(_path, json);

        Assert.Contains(expected, ConfigValidator.Validate(_path));
    }
}
