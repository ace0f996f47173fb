using LiveRank.Domain;
using LiveRank.State;

namespace LiveRank.Storage.Redis;

/// <summary>
/// Payloads of the replicated log's entries (field <c>r</c> of each stream entry), format version 1. Persisted: fields
/// may be appended under a new kind, never reordered. Every payload starts with its kind and the id of the writing
/// replica, so a replica recognises its own writes when it applies them and can answer the caller.
/// An event keeps its client id only as a 64-bit hash (all that de-duplication needs) and shares the user id with the
/// other events of its entry: about 20 bytes plus the item id and type name per event.
/// </summary>
internal static class LogEntryCodec
{
    /// <summary>The stream field holding the payload.</summary>
    public const string Field = "r";

    public static byte[] Events(ulong writer, string userId, List<UserEvent> events, BinaryRecordWriter w)
    {
        w.Reset();
        w.WriteByte((byte)LogEntryKind.Events);
        w.WriteUInt64(writer);
        w.WriteString(userId);
        w.WriteVarInt(events.Count);
        foreach (var e in events)
        {
            w.WriteByte((byte)LogRecordCodec.FlagsOf(e));
            if (e.HasClientId) w.WriteUInt64(EventDeduplicator.Hash(e.Id));
            w.WriteString(e.Type);
            w.WriteString(e.ItemId);
            w.WriteInt64(e.Timestamp.ToUnixTimeMilliseconds());
            LogRecordCodec.WriteOptionalFields(w, e);
        }
        return w.Written.ToArray();
    }

    /// <summary>Reads one event of an <see cref="LogEntryKind.Events"/> entry; <paramref name="idHash"/> is 0 without a client id.</summary>
    public static UserEvent ReadEvent(ref BinaryRecordReader r, string userId, out ulong idHash)
    {
        var flags = (LogRecordCodec.EventFlags)r.ReadByte();
        idHash = (flags & LogRecordCodec.EventFlags.ClientId) != 0 ? r.ReadUInt64() : 0;
        string type = r.ReadString(), item = r.ReadString();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
        var (session, value, request) = LogRecordCodec.ReadOptionalFields(ref r, flags);
        return new UserEvent
        {
            // The client id itself is not stored; replicas de-duplicate by its hash (idHash).
            Id = "",
            HasClientId = false,
            Type = type,
            UserId = userId,
            ItemId = item,
            Timestamp = timestamp,
            SessionId = session,
            Value = value,
            RequestId = request,
        };
    }

    public static byte[] Items(ulong writer, IReadOnlyList<Item> items, int start, int count, BinaryRecordWriter w)
    {
        w.Reset();
        w.WriteByte((byte)LogEntryKind.Items);
        w.WriteUInt64(writer);
        w.WriteVarInt(count);
        for (int i = start; i < start + count; i++) LogRecordCodec.WriteItem(w, items[i]);
        return w.Written.ToArray();
    }

    public static byte[] ItemDelete(ulong writer, string itemId, BinaryRecordWriter w)
    {
        w.Reset();
        w.WriteByte((byte)LogEntryKind.ItemDelete);
        w.WriteUInt64(writer);
        w.WriteString(itemId);
        return w.Written.ToArray();
    }

    public static byte[] ForgetUser(ulong writer, ulong userHash, BinaryRecordWriter w)
    {
        w.Reset();
        w.WriteByte((byte)LogEntryKind.ForgetUser);
        w.WriteUInt64(writer);
        w.WriteUInt64(userHash);
        return w.Written.ToArray();
    }

    /// <summary>The user of an <see cref="LogEntryKind.Events"/> payload; null for any other kind.</summary>
    public static string? EventsUser(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 10 || payload[0] != (byte)LogEntryKind.Events) return null;
        var r = new BinaryRecordReader(payload[9..]);
        return r.ReadString();
    }
}
