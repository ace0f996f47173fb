using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveRank.Server.Contracts;

// Wire types of the v1 HTTP API (camelCase JSON). Kept apart from the domain so the domain can evolve freely;
// validation turns them into domain objects. Every property is nullable: absence is reported by validation,
// by field name, never by the deserializer.

public sealed record ItemDto(
    string? Id, string? Title, string? Description, List<string?>? Categories, double? Price, string? Currency,
    string? Brand, List<string?>? Tags, Dictionary<string, JsonElement>? Attributes, JsonElement? CreatedAt);

public sealed record ItemsRequest(List<ItemDto?>? Items, bool? Wait);

/// <param name="VectorsPending">With <c>wait</c>: items whose LM vector was still not ready when the wait ended.</param>
public sealed record ItemsResponse(int Accepted, int? VectorsPending = null);

public sealed record ItemResponse(
    string Id, string Title, string? Description, IReadOnlyList<string> Categories, double? Price, string? Currency,
    string? Brand, IReadOnlyList<string> Tags, Dictionary<string, JsonElement> Attributes, DateTimeOffset CreatedAt, string Text);

public sealed record EventDto(
    string? Id, string? Type, string? UserId, string? SessionId, string? ItemId, JsonElement? Timestamp, double? Value, string? RequestId);

public sealed record EventsRequest(List<EventDto?>? Events);

public sealed record EventsResponse(int Accepted, int Duplicates);

public sealed record CandidateDto(string? Id, double? Score);

public sealed record RerankRequestDto(string? UserId, string? SessionId, List<CandidateDto?>? Candidates, int? Limit, bool? Explain,
    Policies.PolicySettings? Policies = null);

public sealed record RankedItemDto(string Id, float Score, int Rank, IReadOnlyDictionary<string, float>? Contributions,
    ExplanationDto? Explanation = null);

/// <param name="Features">The largest contributions to the score, with the feature values behind them.</param>
/// <param name="SimilarTo">The nearest items of the user's history (LM vectors), with what the user did to each.</param>
/// <param name="Reason">One readable line: "similar to 'Heat (1995)' you rated 5/5".</param>
public sealed record ExplanationDto(IReadOnlyList<FeatureContributionDto> Features, IReadOnlyList<HistoryMatchDto> SimilarTo, string? Reason);

public sealed record FeatureContributionDto(string Name, float? Value, float Contribution);

public sealed record HistoryMatchDto(string ItemId, string Title, float Similarity, string Interaction);

public sealed record RerankResponse(string RequestId, string Model, IReadOnlyList<RankedItemDto> Items, double TookMs)
{
    /// <summary>True when the shared store could not be reached and the answer comes from this replica's local state alone.</summary>
    public bool? Degraded { get; init; }
}

public sealed record RecommendRequestDto(string? UserId, string? SessionId, int? Limit, bool? Explain, bool? IncludeSeen,
    Policies.PolicySettings? Policies = null);

public sealed record ModelReloadRequest(string? Path);

/// <param name="Path">The file the model came from.</param>
/// <param name="PreviousModel">The model that served until this one took over.</param>
public sealed record ModelReloadResponse(string Model, string Path, string PreviousModel);

/// <param name="Loadable">True when a registered model loader reads files of this name.</param>
public sealed record ModelFileDto(string Name, long Bytes, DateTimeOffset ModifiedAt, bool Loadable);

/// <param name="Model">The model in service (name and version).</param>
/// <param name="Path">Its file; null for the built-in heuristic.</param>
/// <param name="LoadedAt">When it went into service.</param>
/// <param name="Patterns">File names the registered loaders read (empty: only the heuristic can serve).</param>
public sealed record ModelsResponse(
    string Model, string? Path, DateTimeOffset LoadedAt, string Directory, bool Watching, IReadOnlyList<string> Patterns,
    IReadOnlyList<ModelFileDto> Files);

public sealed record RecentEventDto(string Type, string ItemId, DateTimeOffset Timestamp, double? Value, bool StartsSession);

public sealed record UserResponse(
    string UserId, long TotalEvents, IReadOnlyDictionary<string, int> EventCounts, int Sessions, DateTimeOffset? LastEventAt,
    IReadOnlyList<RecentEventDto> RecentEvents, string Narrative);

public sealed record LivenessResponse(string Status);

public sealed record HealthResponse(string Status, string Store, int Items, int Users, long EventsLogged, int? ItemVectors, int? EncodeQueue, string Model);

// OpenAI's embeddings wire format (snake_case where OpenAI uses it), so OpenAI clients talk to /v1/embeddings unchanged.
// Input is a string or an array of strings; it stays a JsonElement so that validation can name what else it was.
public sealed record EmbeddingsRequest(
    JsonElement? Input, string? Model, [property: JsonPropertyName("encoding_format")] string? EncodingFormat, int? Dimensions, string? User);

public sealed record EmbeddingData<TEmbedding>(string Object, TEmbedding Embedding, int Index);

public sealed record EmbeddingsUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens, [property: JsonPropertyName("total_tokens")] int TotalTokens);

/// <summary><c>TEmbedding</c> is <c>float[]</c> (encoding_format float) or <c>string</c> (base64 of little-endian float32).</summary>
public sealed record EmbeddingsResponse<TEmbedding>(string Object, IReadOnlyList<EmbeddingData<TEmbedding>> Data, string Model, EmbeddingsUsage Usage);
