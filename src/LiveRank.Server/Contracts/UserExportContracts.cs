namespace LiveRank.Server.Contracts;

// GET /v1/users/{id}/export: everything LiveRank holds about one user (data-subject access).

/// <param name="Store">The store kind the events came from.</param>
/// <param name="State">Counters, sessions, recent events and the narrative, as GET /v1/users/{id} shows them; null once state no longer holds the user.</param>
/// <param name="Events">Every stored event of the user, oldest first.</param>
/// <param name="Vectors">The user's LM profile vectors (unit length); null when the language model is off.</param>
public sealed record UserExportResponse(
    string UserId, DateTimeOffset ExportedAt, string Store, UserResponse? State, IReadOnlyList<ExportedEventDto> Events, UserVectorsDto? Vectors);

/// <param name="Id">The client's event id; null for events posted without one.</param>
public sealed record ExportedEventDto(string? Id, string Type, string ItemId, string? SessionId, DateTimeOffset Timestamp, double? Value, string? RequestId);

/// <param name="Session">The session profile; null when the user has none.</param>
/// <param name="LongTerm">The long-term profile.</param>
/// <param name="Narrative">The embedding of the behaviour narrative.</param>
public sealed record UserVectorsDto(float[]? Session, float[]? LongTerm, float[]? Narrative);
