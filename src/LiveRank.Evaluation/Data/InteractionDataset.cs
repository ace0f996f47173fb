using LiveRank.Import;

namespace LiveRank.Evaluation.Data;

/// <summary>
/// Users × items × timestamps with dense int ids (0..n-1, in order of first appearance), the input of every
/// offline protocol. External ids are kept so that exported candidate lists and imported rankings speak the
/// dataset's own ids.
/// </summary>
public sealed class InteractionDataset
{
    public InteractionDataset(string name, IReadOnlyList<string> userIds, IReadOnlyList<string> itemIds, Interaction[] interactions)
    {
        Name = name;
        UserIds = userIds;
        ItemIds = itemIds;
        Interactions = interactions;
    }

    /// <summary>Short dataset name for reports, e.g. <c>ml-latest-small</c>.</summary>
    public string Name { get; }

    public IReadOnlyList<string> UserIds { get; }
    public IReadOnlyList<string> ItemIds { get; }
    public Interaction[] Interactions { get; }
    public int UserCount => UserIds.Count;
    public int ItemCount => ItemIds.Count;

    /// <summary>
    /// Builds a dataset from raw records. When <paramref name="titledItems"/> is given, records whose item is not
    /// in it are dropped (protocol P1 step 1: items without a title do not exist for evaluation).
    /// </summary>
    public static InteractionDataset FromRecords(string name, IEnumerable<(string User, string Item, long Timestamp)> records,
        IReadOnlySet<string>? titledItems = null)
    {
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        var userIds = new List<string>();
        var itemIds = new List<string>();
        var interactions = new List<Interaction>();
        foreach (var (user, item, timestamp) in records)
        {
            if (titledItems is not null && !titledItems.Contains(item)) continue;
            interactions.Add(new Interaction(Dense(users, userIds, user), Dense(items, itemIds, item), timestamp));
        }
        return new InteractionDataset(name, userIds, itemIds, [.. interactions]);
    }

    /// <summary>Reads a MovieLens latest-small folder through <see cref="MovieLensReader"/>; every rating is an interaction.</summary>
    public static InteractionDataset FromMovieLens(string directory, CancellationToken cancellationToken = default)
    {
        var reader = new MovieLensReader(directory);
        var titled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in reader.ReadItems(cancellationToken))
            if (!string.IsNullOrWhiteSpace(item.Title)) titled.Add(item.Id);
        var records = reader.ReadEvents(cancellationToken).Select(e => (e.UserId, e.ItemId, e.Timestamp.ToUnixTimeSeconds()));
        string name = Path.GetFileName(reader.Folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        return FromRecords(name, records, titled);
    }

    /// <summary>Loads <c>KIND:PATH</c> as the CLI's <c>--dataset</c> names it; only <c>movielens</c> (latest-small CSV) so far.</summary>
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
            _ => throw new ArgumentException($"Dataset kind '{kind}' is not supported by evaluate yet (supported: movielens)."),
        };
    }

    private static int Dense(Dictionary<string, int> map, List<string> ids, string key)
    {
        if (map.TryGetValue(key, out int id)) return id;
        id = ids.Count;
        map.Add(key, id);
        ids.Add(key);
        return id;
    }
}
