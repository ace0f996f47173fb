using LiveRank.Import;
using Xunit;

namespace LiveRank.Tests.Import;

public sealed class MovieLensReaderTests : IDisposable
{
    private const string RatingsHeader = "userId,movieId,rating,timestamp\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadItems_QuotedTitles_KeepCommasAndQuotes()
    {
        _folder.Write("movies.csv", """
            movieId,title,genres
            11,"American President, The (1995)",Comedy|Drama|Romance
            12,"Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb, ""Special"" (1964)",Comedy|War
            13,Plain Title (2000),Sci-Fi
            """);
        _folder.Write("ratings.csv", RatingsHeader);

        var items = new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(["11", "12", "13"], items.Select(i => i.Id));
        Assert.Equal("American President, The (1995)", items[0].Title);
        Assert.Equal("Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb, \"Special\" (1964)", items[1].Title);
        Assert.Equal(["Comedy", "Drama", "Romance"], items[0].Categories);
        Assert.Equal(["Sci-Fi"], items[2].Categories);
    }

    [Fact]
    public void ReadItems_NoGenresListed_HasNoCategories()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n5,Nothing (2018),(no genres listed)\n");
        _folder.Write("ratings.csv", RatingsHeader);

        var item = Assert.Single(new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken));

        Assert.Empty(item.Categories);
    }

    [Fact]
    public void ReadItems_Tags_AreDistinctLowerCasedTrimmedAndCapped()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,A (1999),Drama\n2,B (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader);
        var tags = new System.Text.StringBuilder("userId,movieId,tag,timestamp\n");
        tags.Append("1,1, Funny ,10\n2,1,funny,11\n3,1,\"dark, witty\",12\n4,1,,13\n");
        for (int i = 0; i < 30; i++) tags.Append($"5,2,tag{i},{100 + i}\n");
        _folder.Write("tags.csv", tags.ToString());

        var items = new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(["funny", "dark, witty"], items[0].Tags);
        Assert.Equal(MovieLensReader.MaxTagsPerItem, items[1].Tags.Count);
        Assert.Equal("tag0", items[1].Tags[0]);
    }

    [Fact]
    public void ReadItems_CreatedAt_IsFirstRatingOrUnixZero()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,Rated (1999),Drama\n2,Unrated (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader + "7,1,4.0,2000\n8,1,3.5,1000\n9,1,5,3000\n");

        var items = new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1000), items[0].CreatedAt);
        Assert.Equal(DateTimeOffset.UnixEpoch, items[1].CreatedAt);
    }

    [Fact]
    public void ReadEvents_Ratings_BecomeRatingEventsWithDeterministicIds()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,A (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader + "7,1,4.5,964982703\n");

        var e = Assert.Single(new MovieLensReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken));

        Assert.Equal("ml-7-1-964982703", e.Id);
        Assert.True(e.HasClientId);
        Assert.Equal("rating", e.Type);
        Assert.Equal("7", e.UserId);
        Assert.Equal("1", e.ItemId);
        Assert.Equal(4.5, e.Value);
        Assert.Equal(new DateTimeOffset(2000, 7, 30, 18, 45, 3, TimeSpan.Zero), e.Timestamp);
    }

    [Fact]
    public void ReadEvents_UserRun_IsInChronologicalOrder()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n");
        _folder.Write("ratings.csv", RatingsHeader + "1,10,4,300\n1,11,4,100\n1,12,4,200\n2,10,3,50\n");

        var events = new MovieLensReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(4, events.Count);
        Assert.Equal(["11", "12", "10", "10"], events.Select(e => e.ItemId));
        Assert.Equal(["1", "1", "1", "2"], events.Select(e => e.UserId));
    }

    [Fact]
    public void ReadEvents_BadRating_NamesFileLineAndField()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n");
        _folder.Write("ratings.csv", RatingsHeader + "1,10,4,300\n1,11,x,100\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("ratings.csv line 3: rating 'x' is not a number", ex.Message);
        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void ReadItems_WrongFieldCount_NamesFileAndLine()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,A (1999),Drama\n2,Unquoted, comma (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader);

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("movies.csv line 3: expected 3 fields but found 4", ex.Message);
    }

    [Fact]
    public void ReadItems_BadTimestampInRatings_NamesField()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,A (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader + "1,1,4,soon\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("ratings.csv line 2: timestamp 'soon' is not a whole number", ex.Message);
    }

    [Fact]
    public void ReadItems_UnterminatedQuote_NamesLine()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n1,\"Never closed (1999),Drama\n");
        _folder.Write("ratings.csv", RatingsHeader);

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.StartsWith("movies.csv line 2: field 2", ex.Message);
    }

    [Fact]
    public void ReadItems_WrongHeader_NamesExpectedColumns()
    {
        _folder.Write("movies.csv", "id,name\n");
        _folder.Write("ratings.csv", RatingsHeader);

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("movies.csv line 1: expected header 'movieId,title,genres' but found 'id,name'", ex.Message);
    }

    [Fact]
    public void Constructor_MissingFolder_Throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => new MovieLensReader(Path.Combine(_folder.Path, "nope")));
    }

    [Fact]
    public void Constructor_MissingRatings_Throws()
    {
        _folder.Write("movies.csv", "movieId,title,genres\n");

        var ex = Assert.Throws<FileNotFoundException>(() => new MovieLensReader(_folder.Path));

        Assert.Contains("ratings.csv", ex.Message);
    }

    [Fact]
    public void Read_BundledLatestSmall_HasAllMoviesAndRatings()
    {
        var reader = new MovieLensReader(SampleData.MovieLensLatestSmall);

        var items = reader.ReadItems(TestContext.Current.CancellationToken).ToList();
        long ratings = reader.ReadEvents(TestContext.Current.CancellationToken).LongCount();

        Assert.Equal(9_742, items.Count);
        Assert.Equal(100_836, ratings);
        Assert.Contains(items, i => i.Title == "American President, The (1995)");
        Assert.Equal(9_742 + 100_836, reader.EstimateRecordCount());
    }
}
