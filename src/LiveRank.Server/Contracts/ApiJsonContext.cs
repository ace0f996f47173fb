using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace LiveRank.Server.Contracts;

/// <summary>Source-generated serialisation for every request and response type (no reflection on the request path).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow, AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ItemsRequest))]
[JsonSerializable(typeof(ItemsResponse))]
[JsonSerializable(typeof(ItemResponse))]
[JsonSerializable(typeof(EventsRequest))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(RerankRequestDto))]
[JsonSerializable(typeof(RerankResponse))]
[JsonSerializable(typeof(RecommendRequestDto))]
[JsonSerializable(typeof(ModelReloadRequest))]
[JsonSerializable(typeof(ModelReloadResponse))]
[JsonSerializable(typeof(ModelsResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(UserExportResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(LivenessResponse))]
[JsonSerializable(typeof(EmbeddingsRequest))]
[JsonSerializable(typeof(EmbeddingsResponse<float[]>), TypeInfoPropertyName = "FloatEmbeddingsResponse")]
[JsonSerializable(typeof(EmbeddingsResponse<string>), TypeInfoPropertyName = "Base64EmbeddingsResponse")]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
