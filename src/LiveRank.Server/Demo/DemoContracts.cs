using System.Text.Json.Serialization;

namespace LiveRank.Server.Demo;

// Wire types of the demo page's helper calls under /v1/demo (camelCase JSON). Read-only views for a person looking at
// the service; integrations use /v1/users, /v1/items and /v1/recommend instead.

/// <param name="Total">Users the store holds; <paramref name="Users"/> is the first <c>limit</c> of them in id order.</param>
public sealed record DemoUsersResponse(int Total, IReadOnlyList<DemoUserDto> Users);

public sealed record DemoUserDto(string Id, long Events);

/// <param name="Narrative">The behaviour narrative the language model encodes for this user (empty for a new user).</param>
public sealed record DemoUserResponse(string Id, long TotalEvents, string Narrative, IReadOnlyList<DemoHistoryDto> Recent);

/// <param name="Title">The item's title; null when the catalog no longer holds it.</param>
public sealed record DemoHistoryDto(string Type, string ItemId, string? Title, double? Value, DateTimeOffset Timestamp);

/// <param name="Source">Where the list came from, for the page to say so.</param>
public sealed record DemoCandidatesResponse(string Source, IReadOnlyList<DemoItemDto> Items);

public sealed record DemoItemDto(string Id, string Title, IReadOnlyList<string> Categories);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DemoUsersResponse))]
[JsonSerializable(typeof(DemoUserResponse))]
[JsonSerializable(typeof(DemoCandidatesResponse))]
public sealed partial class DemoJsonContext : JsonSerializerContext;
