using System.Text;
using LiveRank.Domain;

namespace LiveRank.Import;

/// <summary>
/// Reads a MovieLens folder in any of its three published layouts, detected from the file names
/// (<see cref="MovieLensLayout"/>): <em>latest-small</em> CSV (<c>movies.csv</c>, <c>ratings.csv</c>, optional
/// <c>tags.csv</c> folded into item tags), <em>100K</em> (<c>u.data</c> tab-separated user, item, rating, time;
/// <c>u.item</c> <c>|</c>-separated Latin-1 with 19 genre flags named by <c>u.genre</c> when present) and <em>1M</em>
/// (<c>ratings.dat</c>, <c>movies.dat</c>, <c>::</c>-separated Latin-1). Ratings become events of type <c>rating</c>.
/// Ids are the MovieLens numbers as strings; event ids are <c>ml-{userId}-{movieId}-{timestamp}</c>, so importing
/// the same folder twice adds nothing. Each user's events come out together, in time order.
/// </summary>
public sealed class MovieLensReader : IDatasetReader
{
    /// <summary>Most tags kept per movie (the first distinct ones in file order).</summary>
    public const int MaxTagsPerItem = 20;

    /// <summary>
    /// Genre names of the 19 flags of a 100K <c>u.item</c>, used when the folder has no <c>u.genre</c>. The flag
    /// <c>unknown</c> means "no genre" (as latest-small's <c>(no genres listed)</c>) and gives no category.
    /// </summary>
    public static readonly IReadOnlyList<string> StandardGenres100K =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    private const string NoGenres = "(no genres listed)";
    private const string UnknownGenre = "unknown";

    private readonly string _moviesPath;
    private readonly string _ratingsPath;
    private readonly string? _tagsPath;
    private readonly string? _genresPath;

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds none of the layouts, or only half of one.</exception>
    public MovieLensReader(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new DirectoryNotFoundException($"MovieLens folder '{directory}' does not exist.");
        Folder = Path.GetFullPath(directory);
        Layout = DetectLayout(Folder);
        switch (Layout)
        {
            case MovieLensLayout.LatestSmallCsv:
                _moviesPath = Require("movies.csv");
                _ratingsPath = Require("ratings.csv");
                _tagsPath = Optional("tags.csv");
                break;
            case MovieLensLayout.Ml100K:
                _moviesPath = Require("u.item");
                _ratingsPath = Require("u.data");
                _genresPath = Optional("u.genre");
                break;
            default:
                _moviesPath = Require("movies.dat");
                _ratingsPath = Require("ratings.dat");
                break;
        }
    }

    /// <summary>The dataset folder, absolute.</summary>
    public string Folder { get; }

    /// <summary>Which of the published layouts the folder holds.</summary>
    public MovieLensLayout Layout { get; }

    public string Name => "movielens";

    /// <summary>Latest-small when the folder has <c>movies.csv</c> or <c>ratings.csv</c>, else 100K by <c>u.data</c>/<c>u.item</c>, else 1M by <c>ratings.dat</c>/<c>movies.dat</c>.</summary>
    /// <exception cref="FileNotFoundException">None of those files is there.</exception>
    public static MovieLensLayout DetectLayout(string directory)
    {
        bool Has(string file) => File.Exists(Path.Combine(directory, file));
        if (Has("movies.csv") || Has("ratings.csv")) return MovieLensLayout.LatestSmallCsv;
        if (Has("u.data") || Has("u.item")) return MovieLensLayout.Ml100K;
        if (Has("ratings.dat") || Has("movies.dat")) return MovieLensLayout.Ml1M;
        throw new FileNotFoundException(
            $"MovieLens folder '{directory}' has no ratings.csv (latest-small), u.data (100K) or ratings.dat (1M).", directory);
    }

    public long? EstimateRecordCount()
    {
        int headers = Layout == MovieLensLayout.LatestSmallCsv ? 1 : 0;
        return Math.Max(0, LineCounter.Count(_moviesPath) - headers) + Math.Max(0, LineCounter.Count(_ratingsPath) - headers);
    }

    public IEnumerable<Item> ReadItems(CancellationToken cancellationToken = default)
    {
        foreach (var item in ReadItemsCore(cancellationToken)) yield return item;
    }

    private IEnumerable<Item> ReadItemsCore(CancellationToken cancellationToken)
    {
        // Items must reach the store before their events, yet an item's CreatedAt is its first rating:
        // one cheap pass over the ratings for the earliest time per movie, then the catalog streams.
        if (Layout != MovieLensLayout.LatestSmallCsv)
        {
            var first = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var rating in ReadSeparatedRatings(cancellationToken))
                if (!first.TryGetValue(rating.ItemId, out long known) || rating.Seconds < known) first[rating.ItemId] = rating.Seconds;
            return Layout == MovieLensLayout.Ml100K ? Read100KMovies(first, cancellationToken) : Read1MMovies(first, cancellationToken);
        }
        var firstRated = ReadFirstRatingTimes(cancellationToken);
        var tags = ReadTags(cancellationToken);
        return ReadMovies(firstRated, tags, cancellationToken);
    }

    public IEnumerable<UserEvent> ReadEvents(CancellationToken cancellationToken = default) =>
        Layout == MovieLensLayout.LatestSmallCsv ? ReadCsvEvents(cancellationToken) : ReadSeparatedEvents(cancellationToken);

    private IEnumerable<UserEvent> ReadCsvEvents(CancellationToken cancellationToken)
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

    private IEnumerable<UserEvent> ReadSeparatedEvents(CancellationToken cancellationToken)
    {
        var ratings = ReadSeparatedRatings(cancellationToken);
        if (Layout == MovieLensLayout.Ml100K)
        {
            // u.data is in no particular order (1M's ratings.dat is grouped by user): group it by user first, in
            // numeric user order, so that both layouts emit one user at a time.
            var all = ratings.ToList();
            all.Sort(static (a, b) =>
            {
                int c = CompareNumericIds(a.UserId, b.UserId);
                return c != 0 ? c : a.Line.CompareTo(b.Line);
            });
            ratings = all;
        }
        var run = new List<UserEvent>();
        foreach (var r in ratings)
        {
            if (run.Count > 0 && !ReferenceEquals(run[0].UserId, r.UserId))
            {
                foreach (var e in SortedByTime(run)) yield return e;
                run.Clear();
            }
            run.Add(new UserEvent
            {
                Id = $"ml-{r.UserId}-{r.ItemId}-{r.Seconds}",
                Type = "rating",
                UserId = r.UserId,
                ItemId = r.ItemId,
                Timestamp = DateTimeOffset.FromUnixTimeSeconds(r.Seconds),
                Value = r.Value,
            });
        }
        foreach (var e in SortedByTime(run)) yield return e;
    }

    private readonly record struct SeparatedRating(string UserId, string ItemId, double Value, long Seconds, int Line);

    /// <summary>u.data (tab: user, item, rating, time) or ratings.dat (<c>::</c>: the same four).</summary>
    private IEnumerable<SeparatedRating> ReadSeparatedRatings(CancellationToken cancellationToken)
    {
        string separator = Layout == MovieLensLayout.Ml100K ? "\t" : "::";
        using var lines = new SeparatedLineReader(_ratingsPath, separator, Encoding.Latin1);
        var ids = new IdPool();
        while (lines.Read())
        {
            if ((lines.LineNumber & 0xFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            lines.ExpectFields(4);
            string userId = ids.Get(lines.RequireId(0, "user id"));
            string itemId = ids.Get(lines.RequireId(1, "item id"));
            double value = lines.ParseDouble(2, "rating");
            long seconds = lines.ParseInt64(3, "timestamp");
            if (seconds is < 0 or > 253402300799) throw lines.Error($"timestamp '{seconds}' is out of range");
            yield return new SeparatedRating(userId, itemId, value, seconds, lines.LineNumber);
        }
    }

    /// <summary>u.item: id|title|release date|video release date|IMDb URL|19 genre flags, Latin-1.</summary>
    private IEnumerable<Item> Read100KMovies(Dictionary<string, long> firstRated, CancellationToken cancellationToken)
    {
        var genres = Read100KGenres();
        using var lines = new SeparatedLineReader(_moviesPath, "|", Encoding.Latin1);
        while (lines.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines.ExpectFields(5 + genres.Count);
            string id = lines.RequireId(0, "movie id").ToString();
            string title = lines[1].Trim().ToString();
            if (title.Length == 0) throw lines.Error("title is empty");
            var categories = new List<string>(3);
            for (int g = 0; g < genres.Count; g++)
            {
                var flag = lines[5 + g].Trim();
                if (flag.SequenceEqual("1"))
                {
                    if (!genres[g].Equals(UnknownGenre, StringComparison.OrdinalIgnoreCase)) categories.Add(genres[g]);
                }
                else if (!flag.SequenceEqual("0")) throw lines.Error($"genre flag {g + 1} ({genres[g]}) is '{flag}', not 0 or 1");
            }
            yield return new Item
            {
                Id = id,
                Title = title,
                Categories = [.. categories],
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(firstRated.TryGetValue(id, out long seconds) ? seconds : 0),
            };
        }
    }

    /// <summary>u.genre: <c>name|index</c> per line; the standard 19 names when the file is absent.</summary>
    private List<string> Read100KGenres()
    {
        if (_genresPath is null) return [.. StandardGenres100K];
        var byIndex = new SortedDictionary<long, string>();
        using var lines = new SeparatedLineReader(_genresPath, "|", Encoding.Latin1);
        while (lines.Read())
        {
            lines.ExpectFields(2);
            string name = lines[0].Trim().ToString();
            long index = lines.ParseInt64(1, "genre index");
            if (name.Length == 0) throw lines.Error("genre name is empty");
            if (index < 0 || !byIndex.TryAdd(index, name)) throw lines.Error($"genre index {index} is negative or repeated");
        }
        if (byIndex.Count == 0) throw new DatasetFormatException(Path.GetFileName(_genresPath), 1, "the file names no genre");
        for (int i = 0; i < byIndex.Count; i++)
            if (!byIndex.ContainsKey(i)) throw new DatasetFormatException(Path.GetFileName(_genresPath), 1, $"genre index {i} is missing");
        return [.. byIndex.Values];
    }

    /// <summary>movies.dat: id::title::genres (<c>|</c>-separated), Latin-1.</summary>
    private IEnumerable<Item> Read1MMovies(Dictionary<string, long> firstRated, CancellationToken cancellationToken)
    {
        using var lines = new SeparatedLineReader(_moviesPath, "::", Encoding.Latin1);
        while (lines.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            lines.ExpectFields(3);
            string id = lines.RequireId(0, "movie id").ToString();
            string title = lines[1].Trim().ToString();
            if (title.Length == 0) throw lines.Error("title is empty");
            yield return new Item
            {
                Id = id,
                Title = title,
                Categories = ParseGenres(lines[2]),
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(firstRated.TryGetValue(id, out long seconds) ? seconds : 0),
            };
        }
    }

    private static int CompareNumericIds(string a, string b) =>
        long.TryParse(a, out long x) && long.TryParse(b, out long y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    private string Require(string file)
    {
        string path = Path.Combine(Folder, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"MovieLens folder '{Folder}' has no {file}.", path);
    }

    private string? Optional(string file)
    {
        string path = Path.Combine(Folder, file);
        return File.Exists(path) ? path : null;
    }
}
