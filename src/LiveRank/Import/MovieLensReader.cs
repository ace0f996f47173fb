using LiveRank.Domain;

namespace LiveRank.Import;

/// <summary>
/// Reads a MovieLens <em>latest-small</em> style folder: <c>movies.csv</c> (catalog), <c>tags.csv</c> (optional,
/// folded into item tags) and <c>ratings.csv</c> (events of type <c>rating</c>). Ids are the MovieLens numbers as
/// strings; event ids are <c>ml-{userId}-{movieId}-{timestamp}</c>, so importing the same folder twice adds nothing.
/// </summary>
public sealed class MovieLensReader : IDatasetReader
{
    /// <summary>Most tags kept per movie (the first distinct ones in file order).</summary>
    public const int MaxTagsPerItem = 20;

    private const string NoGenres = "(no genres listed)";

    private readonly string _moviesPath;
    private readonly string _ratingsPath;
    private readonly string? _tagsPath;

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks <c>movies.csv</c> or <c>ratings.csv</c>.</exception>
    public MovieLensReader(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MovieLens folder '{directory}' does not exist.");
        Folder = Path.GetFullPath(directory);
        _moviesPath = Require("movies.csv");
        _ratingsPath = Require("ratings.csv");
        string tags = Path.Combine(Folder, "tags.csv");
        _tagsPath = File.Exists(tags) ? tags : null;
    }

    /// <summary>The dataset folder, absolute.</summary>
    public string Folder { get; }

    public string Name => "movielens";

    public long? EstimateRecordCount() =>
        Math.Max(0, LineCounter.Count(_moviesPath) - 1) + Math.Max(0, LineCounter.Count(_ratingsPath) - 1);

    public IEnumerable<Item> ReadItems(CancellationToken cancellationToken = default)
    {
        foreach (var item in ReadItemsCore(cancellationToken)) yield return item;
    }

    private IEnumerable<Item> ReadItemsCore(CancellationToken cancellationToken)
    {
        // Items must reach the store before their events, yet an item's CreatedAt is its first rating:
        // one cheap pass over the ratings for the earliest time per movie, then the catalog streams.
        var firstRated = ReadFirstRatingTimes(cancellationToken);
        var tags = ReadTags(cancellationToken);
        return ReadMovies(firstRated, tags, cancellationToken);
    }

    public IEnumerable<UserEvent> ReadEvents(CancellationToken cancellationToken = default)
    {
        using var csv = new CsvReader(_ratingsPath);
        csv.ExpectHeader("userId", "movieId", "rating", "timestamp");
        var ids = new IdPool();
        // ratings.csv is grouped by user but not ordered by time within a user. Sessions and co-visitation follow
        // each user's chronology, so each user's run is sorted before it is emitted; memory stays one user deep.
        var run = new List<UserEvent>();
        while (csv.Read())
        {
            if ((run.Count & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var rating = ParseRating(csv, ids);
            if (run.Count > 0 && !ReferenceEquals(run[0].UserId, rating.UserId))
            {
                foreach (var e in SortedByTime(run)) yield return e;
                run.Clear();
            }
            run.Add(rating);
        }
        foreach (var e in SortedByTime(run)) yield return e;
    }

    private static List<UserEvent> SortedByTime(List<UserEvent> run)
    {
        // List.Sort is unstable: ties on time are broken by event id so that every import replays the same order.
        run.Sort(static (a, b) =>
        {
            int c = a.Timestamp.CompareTo(b.Timestamp);
            return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
        });
        return run;
    }

    private static UserEvent ParseRating(CsvReader csv, IdPool ids)
    {
        csv.ExpectFields(4);
        string userId = ids.Get(csv.RequireId(0, "userId"));
        string movieId = ids.Get(csv.RequireId(1, "movieId"));
        double value = csv.ParseDouble(2, "rating");
        long seconds = csv.ParseInt64(3, "timestamp");
        return new UserEvent
        {
            Id = $"ml-{userId}-{movieId}-{seconds}",
            Type = "rating",
            UserId = userId,
            ItemId = movieId,
            Timestamp = ToTime(csv, seconds),
            Value = value,
        };
    }

    private Dictionary<string, long> ReadFirstRatingTimes(CancellationToken cancellationToken)
    {
        var first = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = first.GetAlternateLookup<ReadOnlySpan<char>>();
        using var csv = new CsvReader(_ratingsPath);
        csv.ExpectHeader("userId", "movieId", "rating", "timestamp");
        int n = 0;
        while (csv.Read())
        {
            if ((++n & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            csv.ExpectFields(4);
            var movieId = csv.RequireId(1, "movieId");
            long seconds = csv.ParseInt64(3, "timestamp");
            if (!lookup.TryGetValue(movieId, out long known) || seconds < known) lookup[movieId] = seconds;
        }
        return first;
    }

    private Dictionary<string, List<string>> ReadTags(CancellationToken cancellationToken)
    {
        var tags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (_tagsPath is null) return tags;
        using var csv = new CsvReader(_tagsPath);
        csv.ExpectHeader("userId", "movieId", "tag", "timestamp");
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.ExpectFields(4);
            string movieId = csv.RequireId(1, "movieId").ToString();
            string tag = csv[2].Trim().ToString().ToLowerInvariant();
            if (tag.Length == 0) continue;
            if (!tags.TryGetValue(movieId, out var list)) tags[movieId] = list = [];
            if (list.Count < MaxTagsPerItem && !list.Contains(tag)) list.Add(tag);
        }
        return tags;
    }

    private IEnumerable<Item> ReadMovies(Dictionary<string, long> firstRated, Dictionary<string, List<string>> tags,
        CancellationToken cancellationToken)
    {
        using var csv = new CsvReader(_moviesPath);
        csv.ExpectHeader("movieId", "title", "genres");
        while (csv.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.ExpectFields(3);
            string id = csv.RequireId(0, "movieId").ToString();
            string title = csv[1].Trim().ToString();
            if (title.Length == 0) throw csv.Error("title is empty");
            yield return new Item
            {
                Id = id,
                Title = title,
                Categories = ParseGenres(csv[2]),
                Tags = tags.TryGetValue(id, out var itemTags) ? itemTags : [],
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(firstRated.TryGetValue(id, out long seconds) ? seconds : 0),
            };
        }
    }

    private static string[] ParseGenres(ReadOnlySpan<char> genres)
    {
        genres = genres.Trim();
        if (genres.IsEmpty || genres.Equals(NoGenres, StringComparison.OrdinalIgnoreCase)) return [];
        var list = new List<string>(4);
        foreach (var range in genres.Split('|'))
        {
            var genre = genres[range].Trim();
            if (genre.IsEmpty) continue;
            string name = genre.ToString();
            if (!list.Contains(name)) list.Add(name);
        }
        return [.. list];
    }

    private static DateTimeOffset ToTime(CsvReader csv, long seconds) =>
        seconds is >= 0 and <= 253402300799 // DateTimeOffset.MaxValue in unix seconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw csv.Error($"timestamp '{seconds}' is out of range");

    private string Require(string file)
    {
        string path = Path.Combine(Folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"MovieLens folder '{Folder}' has no {file}.", path);
    }
}
