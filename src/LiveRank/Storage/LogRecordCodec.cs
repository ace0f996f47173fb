using LiveRank.Domain;

namespace LiveRank.Storage;

/// <summary>
/// Binary payloads of log records and of items inside snapshots (format version 1). Persisted: fields may be
/// appended under a new version, never reordered. Times are unix milliseconds.
/// </summary>
internal static class LogRecordCodec
{
    /// <summary>Which of an event's optional fields its record holds (shared by every store's event encoding).</summary>
    [Flags]
    internal enum EventFlags : byte
    {
        None = 0,
        ClientId = 1,
        Session = 2,
        Value = 4,
        Request = 8,
    }

    internal static EventFlags FlagsOf(UserEvent e) =>
        (e.HasClientId ? EventFlags.ClientId : 0) | (e.SessionId is not null ? EventFlags.Session : 0)
        | (e.Value is not null ? EventFlags.Value : 0) | (e.RequestId is not null ? EventFlags.Request : 0);

    /// <summary>The optional fields after an event's fixed ones, in the order <see cref="ReadOptionalFields"/> reads them.</summary>
    internal static void WriteOptionalFields(BinaryRecordWriter w, UserEvent e)
    {
        if (e.SessionId is not null) w.WriteString(e.SessionId);
        if (e.Value is double v) w.WriteDouble(v);
        if (e.RequestId is not null) w.WriteString(e.RequestId);
    }

    internal static (string? Session, double? Value, string? Request) ReadOptionalFields(ref BinaryRecordReader r, EventFlags flags)
    {
        string? session = (flags & EventFlags.Session) != 0 ? r.ReadString() : null;
        double? value = (flags & EventFlags.Value) != 0 ? r.ReadDouble() : null;
        string? request = (flags & EventFlags.Request) != 0 ? r.ReadString() : null;
        return (session, value, request);
    }

    public static void WriteEvent(BinaryRecordWriter w, UserEvent e)
    {
        w.WriteByte((byte)LogRecordKind.Event);
        w.WriteByte((byte)FlagsOf(e));
        w.WriteString(e.Id);
        w.WriteString(e.Type);
        w.WriteString(e.UserId);
        w.WriteString(e.ItemId);
        w.WriteInt64(e.Timestamp.ToUnixTimeMilliseconds());
        WriteOptionalFields(w, e);
    }

    public static UserEvent ReadEvent(ref BinaryRecordReader r)
    {
        var flags = (EventFlags)r.ReadByte();
        string id = r.ReadString(), type = r.ReadString(), user = r.ReadString(), item = r.ReadString();
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
        var (session, value, request) = ReadOptionalFields(ref r, flags);
        return new UserEvent
        {
            Id = id,
            Type = type,
            UserId = user,
            ItemId = item,
            Timestamp = timestamp,
            SessionId = session,
            Value = value,
            RequestId = request,
            HasClientId = (flags & EventFlags.ClientId) != 0,
        };
    }

    /// <summary>Reads only the user id of an event payload (after the kind byte), for compaction.</summary>
    public static string ReadEventUser(ref BinaryRecordReader r)
    {
        r.ReadByte();
        r.ReadString();
        r.ReadString();
        return r.ReadString();
    }

    public static void WriteItemUpsert(BinaryRecordWriter w, Item item)
    {
        w.WriteByte((byte)LogRecordKind.ItemUpsert);
        WriteItem(w, item);
    }

    public static void WriteItemDelete(BinaryRecordWriter w, string itemId)
    {
        w.WriteByte((byte)LogRecordKind.ItemDelete);
        w.WriteString(itemId);
    }

    public static void WriteItem(BinaryRecordWriter w, Item item)
    {
        w.WriteString(item.Id);
        w.WriteString(item.Title);
        w.WriteNullableString(item.Description);
        WriteList(w, item.Categories);
        w.WriteBool(item.Price is not null);
        if (item.Price is double price) w.WriteDouble(price);
        w.WriteNullableString(item.Currency);
        w.WriteNullableString(item.Brand);
        WriteList(w, item.Tags);
        w.WriteVarInt(item.Attributes.Count);
        foreach (var (key, value) in item.Attributes)
        {
            w.WriteString(key);
            w.WriteBool(value.IsNumber);
            if (value.IsNumber) w.WriteDouble(value.Number);
            else w.WriteString(value.Text!);
        }
        w.WriteInt64(item.CreatedAt.ToUnixTimeMilliseconds());
    }

    public static Item ReadItem(ref BinaryRecordReader r)
    {
        string id = r.ReadString(), title = r.ReadString();
        string? description = r.ReadNullableString();
        var categories = ReadList(ref r);
        double? price = r.ReadBool() ? r.ReadDouble() : null;
        string? currency = r.ReadNullableString(), brand = r.ReadNullableString();
        var tags = ReadList(ref r);
        int attributeCount = r.ReadVarInt();
        var attributes = attributeCount == 0 ? Item.EmptyAttributes : ReadAttributes(ref r, attributeCount);
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(r.ReadInt64());
        return new Item
        {
            Id = id,
            Title = title,
            Description = description,
            Categories = categories,
            Price = price,
            Currency = currency,
            Brand = brand,
            Tags = tags,
            Attributes = attributes,
            CreatedAt = createdAt,
        };
    }

    private static Dictionary<string, AttributeValue> ReadAttributes(ref BinaryRecordReader r, int count)
    {
        var attributes = new Dictionary<string, AttributeValue>(count);
        for (int i = 0; i < count; i++)
        {
            string key = r.ReadString();
            attributes[key] = r.ReadBool() ? AttributeValue.FromNumber(r.ReadDouble()) : AttributeValue.FromText(r.ReadString());
        }
        return attributes;
    }

    private static void WriteList(BinaryRecordWriter w, IReadOnlyList<string> values)
    {
        w.WriteVarInt(values.Count);
        foreach (string v in values) w.WriteString(v);
    }

    private static string[] ReadList(ref BinaryRecordReader r)
    {
        int n = r.ReadVarInt();
        if (n == 0) return [];
        var values = new string[n];
        for (int i = 0; i < n; i++) values[i] = r.ReadString();
        return values;
    }
}
