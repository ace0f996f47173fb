using LiveRank.Domain;

namespace LiveRank.Storage.Redis.Ingestion;

/// <summary>
/// Turns one stream message's payload into a validated event, or says why it cannot (the message is then dead-lettered
/// with that reason). <paramref name="messageId"/> is the stream id, stable across redeliveries: an event without its
/// own id should take one derived from it, so that a redelivered message is a duplicate.
/// </summary>
public delegate UserEvent? IngestDecoder(string messageId, ReadOnlySpan<byte> payload, out string? error);
