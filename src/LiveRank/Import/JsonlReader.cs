using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveRank.Domain;

namespace LiveRank.Import;

/// <summary>
/// Reads JSON-lines files whose lines have the shapes of the HTTP bodies' elements: an items file
/// (<c>{"id","title","description?","categories?","price?","currency?","brand?","tags?","attributes?","createdAt?"}</c>)
/// and an events file (<c>{"id?","type","userId","sessionId?","itemId","timestamp","value?","requestId?"}</c>).
/// Timestamps are ISO-8601 strings or unix seconds. Property names match case-insensitively; unknown ones are ignored.
/// Blank lines are skipped; a gzipped file (<c>.gz</c>) is read as its plain form. Events without an id get a fresh version-7 GUID and
/// <see cref="UserEvent.HasClientId"/> false, so they are not de-duplicated (re-importing such a file adds them again).
/// </summary>
public sealed class JsonlReader : IDatasetReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip };

    private readonly string? _itemsPath;
    private readonly string? _eventsPath;
    private readonly EventTypeRegistry _types;

    /// <param name="itemsPath">Items file, or null for none.</param>
    /// <param name="eventsPath">Events file, or null for none.</param>
    /// <param name="types">Event types to accept; the built-in ones when null. Pass the store's registry.</param>
    /// <exception cref="FileNotFoundException">A named file does not exist.</exception>
    public JsonlReader(string? itemsPath, string? eventsPath, EventTypeRegistry? types = null)
    {
        if (itemsPath is null && eventsPath is null) throw new ArgumentException("Name an items file, an events file or both.");
        _itemsPath = itemsPath is null ? null : RequireFile(itemsPath);
        _eventsPath = eventsPath is null ? null : RequireFile(eventsPath);
        _types = types ?? EventTypeRegistry.Default;
    }

    public string Name => "jsonl";

    public long? EstimateRecordCount() =>
        (_itemsPath is null ? 0 : DatasetFile.CountLines(_itemsPath)) + (_eventsPath is null ? 0 : DatasetFile.CountLines(_eventsPath));

    public IEnumerable<Item> ReadItems(CancellationToken cancellationToken = default)
    {
        if (_itemsPath is null) yield break;
        foreach (var (line, number) in Lines(_itemsPath, cancellationToken))
        {
            var file = new LineContext(Path.GetFileName(_itemsPath), number);
            using var doc = Parse(line, file);
            yield return ParseItem(doc.RootElement, file);
        }
    }

    public IEnumerable<UserEvent> ReadEvents(CancellationToken cancellationToken = default)
    {
        if (_eventsPath is null) yield break;
        foreach (var (line, number) in Lines(_eventsPath, cancellationToken))
        {
            var file = new LineContext(Path.GetFileName(_eventsPath), number);
            using var doc = Parse(line, file);
            yield return ParseEvent(doc.RootElement, file);
        }
    }

    private static Item ParseItem(JsonElement root, LineContext at)
    {
        string? id = null, title = null, description = null, currency = null, brand = null;
        double? price = null;
        IReadOnlyList<string> categories = [], tags = [];
        IReadOnlyDictionary<string, AttributeValue>? attributes = null;
        DateTimeOffset createdAt = default;
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = Id(p, at); break;
                case "title": title = OptionalString(p, at); break;
                case "description": description = OptionalString(p, at); break;
                case "currency": currency = OptionalString(p, at); break;
                case "brand": brand = OptionalString(p, at); break;
                case "price": price = OptionalNumber(p, at); break;
                case "categories": categories = StringArray(p, at); break;
                case "tags": tags = StringArray(p, at); break;
                case "attributes": attributes = Attributes(p, at); break;
                case "createdat": createdAt = p.Value.ValueKind == JsonValueKind.Null ? default : Timestamp(p, at); break;
            }
        }
        if (string.IsNullOrWhiteSpace(id)) throw at.Error("id is missing");
        if (string.IsNullOrWhiteSpace(title)) throw at.Error("title is missing");
        var item = new Item
        {
            Id = id,
            Title = title,
            Description = description,
            Categories = categories,
            Price = price,
            Currency = currency,
            Brand = brand,
            Tags = tags,
            CreatedAt = createdAt,
        };
        return attributes is null ? item : item with { Attributes = attributes };
    }

    private UserEvent ParseEvent(JsonElement root, LineContext at)
    {
        string? id = null, type = null, userId = null, sessionId = null, itemId = null, requestId = null;
        double? value = null;
        DateTimeOffset? timestamp = null;
        foreach (var p in root.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "id": id = p.Value.ValueKind == JsonValueKind.Null ? null : Id(p, at); break;
                case "type": type = OptionalString(p, at); break;
                case "userid": userId = Id(p, at); break;
                case "sessionid": sessionId = p.Value.ValueKind == JsonValueKind.Null ? null : Id(p, at); break;
                case "itemid": itemId = Id(p, at); break;
                case "requestid": requestId = OptionalString(p, at); break;
                case "value": value = OptionalNumber(p, at); break;
                case "timestamp": timestamp = Timestamp(p, at); break;
            }
        }
        if (string.IsNullOrWhiteSpace(type)) throw at.Error("type is missing");
        if (!_types.TryGetId(type, out _)) throw at.Error($"type '{type}' is not a known event type");
        if (string.IsNullOrWhiteSpace(userId)) throw at.Error("userId is missing");
        if (string.IsNullOrWhiteSpace(itemId)) throw at.Error("itemId is missing");
        if (timestamp is null) throw at.Error("timestamp is missing");
        bool hasId = !string.IsNullOrWhiteSpace(id);
        return new UserEvent
        {
            Id = hasId ? id! : Guid.CreateVersion7().ToString(),
            HasClientId = hasId,
            Type = type,
            UserId = userId,
            SessionId = sessionId,
            ItemId = itemId,
            Timestamp = timestamp.Value,
            Value = value,
            RequestId = requestId,
        };
    }

    private static JsonDocument Parse(string line, LineContext at)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line, ParseOptions);
        }
        catch (JsonException ex)
        {
            throw at.Error($"not valid JSON at column {(ex.BytePositionInLine ?? 0) + 1}");
        }
        var kind = doc.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            doc.Dispose();
            throw at.Error($"expected a JSON object but found {Describe(kind)}");
        }
        return doc;
    }

    /// <summary>An identifier: a non-empty string, or a number taken as its JSON text (datasets often use numeric ids).</summary>
    private static string Id(JsonProperty p, LineContext at) => p.Value.ValueKind switch
    {
        JsonValueKind.String when !string.IsNullOrWhiteSpace(p.Value.GetString()) => p.Value.GetString()!.Trim(),
        JsonValueKind.Number => p.Value.GetRawText(),
        JsonValueKind.String => throw at.Error($"{p.Name} is empty"),
        _ => throw at.Error($"{p.Name} must be a string but is {Describe(p.Value.ValueKind)}"),
    };

    private static string? OptionalString(JsonProperty p, LineContext at) => p.Value.ValueKind switch
    {
        JsonValueKind.String => p.Value.GetString(),
        JsonValueKind.Null => null,
        _ => throw at.Error($"{p.Name} must be a string but is {Describe(p.Value.ValueKind)}"),
    };

    private static double? OptionalNumber(JsonProperty p, LineContext at) => p.Value.ValueKind switch
    {
        JsonValueKind.Number when p.Value.TryGetDouble(out double d) && double.IsFinite(d) => d,
        JsonValueKind.Null => null,
        _ => throw at.Error($"{p.Name} must be a finite number but is {Describe(p.Value.ValueKind)}"),
    };

    private static string[] StringArray(JsonProperty p, LineContext at)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return [];
        if (p.Value.ValueKind != JsonValueKind.Array) throw at.Error($"{p.Name} must be an array of strings but is {Describe(p.Value.ValueKind)}");
        var values = new string[p.Value.GetArrayLength()];
        int i = 0;
        foreach (var e in p.Value.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw at.Error($"{p.Name}[{i}] must be a string but is {Describe(e.ValueKind)}");
            values[i++] = e.GetString()!;
        }
        return values;
    }

    private static Dictionary<string, AttributeValue>? Attributes(JsonProperty p, LineContext at)
    {
        if (p.Value.ValueKind == JsonValueKind.Null) return null;
        if (p.Value.ValueKind != JsonValueKind.Object) throw at.Error($"attributes must be an object but is {Describe(p.Value.ValueKind)}");
        var attributes = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var a in p.Value.EnumerateObject())
        {
            attributes[a.Name] = a.Value.ValueKind switch
            {
                JsonValueKind.String => AttributeValue.FromText(a.Value.GetString()!),
                JsonValueKind.Number when a.Value.TryGetDouble(out double d) && double.IsFinite(d) => AttributeValue.FromNumber(d),
                _ => throw at.Error($"attributes.{a.Name} must be a string or a finite number but is {Describe(a.Value.ValueKind)}"),
            };
        }
        return attributes;
    }

    private static DateTimeOffset Timestamp(JsonProperty p, LineContext at)
    {
        var v = p.Value;
        if (v.ValueKind == JsonValueKind.String)
        {
            string text = v.GetString()!;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                return parsed;
            throw at.Error($"{p.Name} '{text}' is not an ISO-8601 time");
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double seconds) && double.IsFinite(seconds)
            && seconds is >= 0 and <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }
        throw at.Error($"{p.Name} must be an ISO-8601 string or unix seconds but is {(v.ValueKind == JsonValueKind.Number ? v.GetRawText() : Describe(v.ValueKind))}");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    // Gzip-aware: a .jsonl.gz file reads as its plain form.
    private static IEnumerable<(string Line, int Number)> Lines(string path, CancellationToken cancellationToken) =>
        DatasetFile.Lines(path, cancellationToken);

    private static string RequireFile(string path) =>
        File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException($"File '{path}' does not exist.", path);

    private readonly record struct LineContext(string FileName, int Line)
    {
        public DatasetFormatException Error(string problem) => new(FileName, Line, problem);
    }
}
