using LiveRank.Domain;
using LiveRank.Import;

namespace LiveRank.Evaluation.Data;

/// <summary>
/// Users × items × timestamps with dense int ids (0..n-1, in order of first appearance), the input of every
/// offline protocol, with each item's catalog record (title, categories, …) when the source has one. External ids
/// are kept so that exported candidate lists and imported rankings speak the dataset's own ids.
/// </summary>
public sealed class InteractionDataset
{
    /// <summary>Event types that are not interactions: an impression or a skip says the user did not choose the item.</summary>
    public static readonly IReadOnlySet<string> NonInteractionTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "impression", "skip" };

    public InteractionDataset(string name, IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds, Interaction[] interactions,
        IReadOnlyList<Item?>? items = null)
    {
        if (items is not null && items.Count != itemIds.Count)
            throw new ArgumentException($"{items.Count} item records for {itemIds.Count} item ids.", nameof(items));
        Name = name;
        UserIds = userIds;
        ItemIds = itemIds;
        Interactions = interactions;
        Items = items;
    }

    /// <summary>Short dataset name for reports, e.g. <c>ml-latest-small</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> UserIds { get; }
    public IReadOnlyList<string> ItemIds { get; }
    public Interaction[] Interactions { get; }

    /// <summary>Catalog record of each item (aligned with <see cref="ItemIds"/>), or null when the source has no catalog.</summary>
    public IReadOnlyList<Item?>? Items { get; }

    public int UserCount => UserIds.Count;
    public int ItemCount => ItemIds.Count;

    /// <summary>
    /// Builds a dataset from raw records. When <paramref name="titledItems"/> is given, records whose item is not
    /// in it are dropped (protocol P1 step 1: items without a title do not exist for evaluation). Exact repeats of a
    /// (user, item, timestamp) record are kept once (Amazon's files repeat some reviews; MovieLens has none).
    /// </summary>
    public static InteractionDataset FromRecords(string name, IEnumerable<(string User, string Item, long Timestamp)> records,
        IReadOnlySet<string>? titledItems = null) =>
        Build(name, records, titledItems is null ? null : item => titledItems.Contains(item), catalog: null);

    /// <summary>Builds a dataset from records and a catalog: records of items missing from it (or untitled) are dropped.</summary>
    public static InteractionDataset FromRecords(string name, IEnumerable<(string User, string Item, long Timestamp)> records,
        IReadOnlyDictionary<string, Item> catalog) =>
        Build(name, records, item => catalog.TryGetValue(item, out var record) && !string.IsNullOrWhiteSpace(record.Title), catalog);

    /// <summary>
    /// Reads any importer's dataset: its items are the catalog, its events (except impressions and skips) the
    /// interactions, every rating whatever its value. The service's <c>liverank import</c> reads the same files
    /// through the same reader.
    /// </summary>
    public static InteractionDataset FromReader(IDatasetReader reader, string name, CancellationToken cancellationToken = default)
    {
        var catalog = new Dictionary<string, Item>(StringComparer.Ordinal);
        foreach (var item in reader.ReadItems(cancellationToken)) catalog.TryAdd(item.Id, item);
        var records = reader.ReadEvents(cancellationToken)
            .Where(e => !NonInteractionTypes.Contains(e.Type))
            .Select(e => (e.UserId, e.ItemId, e.Timestamp.ToUnixTimeSeconds()));
        return FromRecords(name, records, catalog);
    }

    /// <summary>A MovieLens folder (latest-small CSV, 100K or 1M); every rating is an interaction.</summary>
    public static InteractionDataset FromMovieLens(string directory, CancellationToken cancellationToken = default)
    {
        var reader = new MovieLensReader(directory);
        return FromReader(reader, FolderName(reader.Folder), cancellationToken);
    }

    /// <summary>An Amazon reviews folder (one reviews file, one <c>meta_</c> file); every review is an interaction.</summary>
    public static InteractionDataset FromAmazon(string directory, CancellationToken cancellationToken = default)
    {
        var reader = new AmazonReviewsReader(directory);
        return FromReader(reader, FolderName(reader.Folder), cancellationToken);
    }

    /// <summary>
    /// JSON lines in the HTTP bodies' shapes: a folder holding <c>items.jsonl</c> and <c>events.jsonl</c> (either may
    /// be gzipped, <c>.jsonl.gz</c>), or an events file whose folder holds the items file.
    /// </summary>
    public static InteractionDataset FromJsonl(string path, CancellationToken cancellationToken = default)
    {
        string folder = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string events = Directory.Exists(path) ? FindJsonl(folder, "events") : Path.GetFullPath(path);
        var reader = new JsonlReader(FindJsonl(folder, "items"), events);
        return FromReader(reader, FolderName(folder), cancellationToken);
    }

    /// <summary>The import reader behind a <c>KIND:PATH</c> spec (for systems that replay the raw events).</summary>
    public static IDatasetReader Reader(string spec)
    {
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"Dataset '{spec}' is not KIND:PATH (e.g. movielens:samples/ml-latest-small).");
        string path = spec[(colon + 1)..];
        return spec[..colon].ToLowerInvariant() switch
        {
            "movielens" => new MovieLensReader(path),
            "amazon" => new AmazonReviewsReader(path),
            "jsonl" => JsonlReaderFor(path),
            _ => throw new ArgumentException($"Dataset kind '{spec[..colon]}' is not supported (supported: movielens, amazon, jsonl)."),
        };
    }

    private static JsonlReader JsonlReaderFor(string path)
    {
        string folder = Directory.Exists(path) ? Path.GetFullPath(path) : Path.GetDirectoryName(Path.GetFullPath(path))!;
        string events = Directory.Exists(path) ? FindJsonl(folder, "events") : Path.GetFullPath(path);
        return new JsonlReader(FindJsonl(folder, "items"), events);
    }

    /// <summary>Loads <c>KIND:PATH</c> as the CLI's <c>--dataset</c> names it: <c>movielens</c>, <c>amazon</c> or <c>jsonl</c>.</summary>
    /// <exception cref="ArgumentException">The spec is malformed or names an unsupported kind.</exception>
    public static InteractionDataset Load(string spec, CancellationToken cancellationToken = default)
    {
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"Dataset '{spec}' is not KIND:PATH (e.g. movielens:samples/ml-latest-small).");
        string kind = spec[..colon].ToLowerInvariant();
        string path = spec[(colon + 1)..];
        return kind switch
        {
            "movielens" => FromMovieLens(path, cancellationToken),
            "amazon" => FromAmazon(path, cancellationToken),
            "jsonl" => FromJsonl(path, cancellationToken),
            _ => throw new ArgumentException($"Dataset kind '{kind}' is not supported (supported: movielens, amazon, jsonl)."),
        };
    }

    private static InteractionDataset Build(string name, IEnumerable<(string User, string Item, long Timestamp)> records,
        Func<string, bool>? keep, IReadOnlyDictionary<string, Item>? catalog)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var userIds = new List<string>();
        var itemIds = new List<string>();
        var interactions = new List<Interaction>();
        var seen = new HashSet<Interaction>();
        foreach (var (user, item, timestamp) in records)
        {
            if (keep is not null && !keep(item)) continue;
            var interaction = new Interaction(Dense(users, userIds, user), Dense(items, itemIds, item), timestamp);
            if (seen.Add(interaction)) interactions.Add(interaction);
        }
        Item?[]? itemRecords = catalog is null ? null : [.. itemIds.Select(id => catalog[id])];
        return new InteractionDataset(name, userIds, itemIds, [.. interactions], itemRecords);
    }

    private static string FindJsonl(string folder, string stem)
    {
        foreach (string candidate in new[] { stem + ".jsonl", stem + ".jsonl.gz", stem + ".json", stem + ".json.gz" })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"JSONL folder '{folder}' has no {stem}.jsonl (or {stem}.jsonl.gz).", folder);
    }

    private static string FolderName(string folder) =>
        Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));

    private static int Dense(Dictionary<string, int> map, List<string> ids, string key)
    {
        if (map.TryGetValue(key, out int id)) return id;
        id = ids.Count;
        map.Add(key, id);
        ids.Add(key);
        return id;
    }
}
