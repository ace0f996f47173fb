using System.Globalization;
using System.Text;
using System.Text.Json;
using LiveRank.Domain;

namespace LiveRank.Import;

/// <summary>
/// Reads an Amazon reviews (2018 release) folder: one reviews file (<c>*.json.gz</c> or <c>*.json</c>, JSON lines
/// with <c>reviewerID</c>, <c>asin</c>, <c>overall</c>, <c>unixReviewTime</c>) and one metadata file
/// (<c>meta_*.json.gz</c> or <c>meta_*.json</c>, JSON lines with <c>asin</c>, <c>title</c>, <c>price</c> such as
/// <c>"$25.00"</c>, <c>brand</c>, <c>category</c> (a list), <c>description</c> (a list or a string)). Reviews become
/// <c>rating</c> events valued by <c>overall</c>, with ids <c>amz-{reviewerID}-{asin}-{unixReviewTime}</c> so an exact
/// duplicate review (the 2018 files hold some) is imported once.
/// </summary>
/// <remarks>
/// Metadata rows without a title are skipped (they cannot be shown or ranked by text; the evaluation protocols drop
/// items without a title anyway) and so are repeated asins after the first. A price that is not one dollar amount
/// (a range "$10.99 - $20.99", an empty string, HTML) is left unset. Events are emitted in time order (ties by
/// reviewer and asin), which needs the reviews in memory: about 100 bytes a review.
/// </remarks>
public sealed class AmazonReviewsReader : IDatasetReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { AllowTrailingCommas = false };

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks a reviews or a metadata file, or holds several of one.</exception>
    public AmazonReviewsReader(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Amazon folder '{directory}' does not exist.");
        Folder = Path.GetFullPath(directory);
        var json = Directory.EnumerateFiles(Folder)
            .Where(f => f.EndsWith(".json.gz", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var meta = json.Where(f => Path.GetFileName(f).StartsWith("meta_", StringComparison.OrdinalIgnoreCase)).ToList();
        var reviews = json.Except(meta).ToList();
        MetadataPath = Single(meta, "metadata file (meta_*.json.gz)");
        ReviewsPath = Single(reviews, "reviews file (*.json.gz)");
    }

    public string Folder { get; }
    public string ReviewsPath { get; }
    public string MetadataPath { get; }

    public string Name => "amazon";

    public long? EstimateRecordCount() => DatasetFile.CountLines(ReviewsPath) + DatasetFile.CountLines(MetadataPath);

    public IEnumerable<Item> ReadItems(CancellationToken cancellationToken = default)
    {
        // CreatedAt is the item's first review, as for MovieLens: one pass over the reviews first.
        var firstReview = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var review in ReadReviews(cancellationToken))
            if (!firstReview.TryGetValue(review.Asin, out long known) || review.Seconds < known) firstReview[review.Asin] = review.Seconds;

        var seen = new HashSet<string>(StringComparer.Ordinal);
        string file = Path.GetFileName(MetadataPath);
        foreach (var (line, number) in DatasetFile.Lines(MetadataPath, cancellationToken))
        {
            var at = new LineContext(file, number);
            using var doc = Parse(line, at);
            var item = ParseItem(doc.RootElement, at, firstReview);
            if (item is not null && seen.Add(item.Id)) yield return item;
        }
    }

    public IEnumerable<UserEvent> ReadEvents(CancellationToken cancellationToken = default)
    {
        var reviews = ReadReviews(cancellationToken).ToList();
        reviews.Sort(static (a, b) =>
        {
            int c = a.Seconds.CompareTo(b.Seconds);
            if (c == 0) c = string.CompareOrdinal(a.ReviewerId, b.ReviewerId);
            return c != 0 ? c : string.CompareOrdinal(a.Asin, b.Asin);
        });
        foreach (var r in reviews)
        {
            yield return new UserEvent
            {
                Id = $"amz-{r.ReviewerId}-{r.Asin}-{r.Seconds}",
                Type = "rating",
                UserId = r.ReviewerId,
                ItemId = r.Asin,
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(r.Seconds),
                Value = r.Overall,
            };
        }
    }

    /// <summary>Parses an Amazon price: <c>"$25.00"</c> → 25, <c>"$1,299.99"</c> → 1299.99; anything else → null.</summary>
    public static double? ParsePrice(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var span = text.AsSpan().Trim();
        if (span.Length < 2 || span[0] != '$') return null;
        span = span[1..].Trim();
        return double.TryParse(span, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double price)
            && double.IsFinite(price) ? price : null;
    }

    private readonly record struct Review(string ReviewerId, string Asin, double Overall, long Seconds);

    private IEnumerable<Review> ReadReviews(CancellationToken cancellationToken)
    {
        string file = Path.GetFileName(ReviewsPath);
        var ids = new IdPool();
        foreach (var (line, number) in DatasetFile.Lines(ReviewsPath, cancellationToken))
        {
            var at = new LineContext(file, number);
            using var doc = Parse(line, at);
            var root = doc.RootElement;
            string reviewer = ids.Get(RequiredString(root, "reviewerID", at));
            string asin = ids.Get(RequiredString(root, "asin", at));
            double overall = RequiredNumber(root, "overall", at);
            double seconds = RequiredNumber(root, "unixReviewTime", at);
            if (seconds is < 0 or > 253402300799 || seconds % 1 != 0) throw at.Error($"unixReviewTime {seconds} is not a unix time in seconds");
            yield return new Review(reviewer, asin, overall, (long)seconds);
        }
    }

    private static Item? ParseItem(JsonElement root, LineContext at, Dictionary<string, long> firstReview)
    {
        string asin = RequiredString(root, "asin", at);
        string? title = OptionalString(root, "title", at)?.Trim();
        if (string.IsNullOrEmpty(title)) return null;
        double? price = ParsePrice(OptionalString(root, "price", at));
        return new Item
        {
            Id = asin,
            Title = title,
            Brand = OptionalString(root, "brand", at)?.Trim() is { Length: > 0 } brand ? brand : null,
            Price = price,
            Currency = price is null ? null : "USD",
            Categories = StringList(root, "category", at),
            Description = Description(root, at),
            CreatedAt = DateTimeOffset.FromUnixTimeSeconds(firstReview.TryGetValue(asin, out long seconds) ? seconds : 0),
        };
    }

    private static string? Description(JsonElement root, LineContext at)
    {
        if (!root.TryGetProperty("description", out var value)) return null;
        string? text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join(' ', StringList(root, "description", at)),
            JsonValueKind.Null => null,
            _ => throw at.Error($"description must be a string or a list of strings but is {Describe(value.ValueKind)}"),
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static string[] StringList(JsonElement root, string name, LineContext at)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind != JsonValueKind.Array) throw at.Error($"{name} must be a list of strings but is {Describe(value.ValueKind)}");
        var list = new List<string>(value.GetArrayLength());
        int i = 0;
        foreach (var e in value.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw at.Error($"{name}[{i}] must be a string but is {Describe(e.ValueKind)}");
            string text = e.GetString()!.Trim();
            if (text.Length > 0 && !list.Contains(text)) list.Add(text);
            i++;
        }
        return [.. list];
    }

    private static string RequiredString(JsonElement root, string name, LineContext at)
    {
        if (!root.TryGetProperty(name, out var value)) throw at.Error($"{name} is missing");
        if (value.ValueKind != JsonValueKind.String) throw at.Error($"{name} must be a string but is {Describe(value.ValueKind)}");
        string text = value.GetString()!.Trim();
        return text.Length > 0 ? text : throw at.Error($"{name} is empty");
    }

    private static string? OptionalString(JsonElement root, string name, LineContext at)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw at.Error($"{name} must be a string but is {Describe(value.ValueKind)}"),
        };
    }

    private static double RequiredNumber(JsonElement root, string name, LineContext at)
    {
        if (!root.TryGetProperty(name, out var value)) throw at.Error($"{name} is missing");
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d)) return d;
        throw at.Error($"{name} must be a finite number but is {(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : Describe(value.ValueKind))}");
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
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = doc.RootElement.ValueKind;
            doc.Dispose();
            throw at.Error($"expected a JSON object but found {Describe(kind)}");
        }
        return doc;
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

    private string Single(List<string> files, string what) => files.Count switch
    {
        1 => files[0],
        0 => throw new FileNotFoundException($"Amazon folder '{Folder}' has no {what}.", Folder),
        _ => throw new FileNotFoundException(
            $"Amazon folder '{Folder}' has {files.Count} candidates for its {what}: {string.Join(", ", files.Select(Path.GetFileName))}; keep one.", Folder),
    };

    private readonly record struct LineContext(string FileName, int Line)
    {
        public DatasetFormatException Error(string problem) => new(FileName, Line, problem);
    }
}
