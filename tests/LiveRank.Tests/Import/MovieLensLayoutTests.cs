using LiveRank.Import;
using Xunit;

namespace LiveRank.Tests.Import;

/// <summary>MovieLens 100K and 1M folders (hand-written fixtures) read through the same <see cref="MovieLensReader"/>.</summary>
public sealed class MovieLensLayoutTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DetectLayout_EachFixture_IsRecognised()
    {
        Assert.Equal(MovieLensLayout.Ml100K, MovieLensReader.DetectLayout(TestFixtures.MovieLens100K));
        Assert.Equal(MovieLensLayout.Ml1M, MovieLensReader.DetectLayout(TestFixtures.MovieLens1M));
        Assert.Equal(MovieLensLayout.LatestSmallCsv, MovieLensReader.DetectLayout(SampleData.MovieLensLatestSmall));
    }

    [Fact]
    public void Constructor_NoKnownFile_NamesAllThreeLayouts()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new MovieLensReader(_folder.Path));

        Assert.Contains("ratings.csv", ex.Message);
        Assert.Contains("u.data", ex.Message);
        Assert.Contains("ratings.dat", ex.Message);
    }

    [Fact]
    public void Ml100K_Items_AreLatin1WithGenresFromFlags()
    {
        var items = new MovieLensReader(TestFixtures.MovieLens100K).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(["1", "2", "3", "4", "5", "6"], items.Select(i => i.Id));
        Assert.Equal("Misérables, Les (1995)", items[3].Title);
        Assert.Equal(["Animation", "Children's", "Comedy"], items[0].Categories);
        Assert.Equal(["Drama", "Musical"], items[3].Categories);
        Assert.Empty(items[5].Categories); // the "unknown" flag is no genre
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(874965758), items[0].CreatedAt); // first rating of item 1
    }

    [Fact]
    public void Ml100K_WithoutGenreFile_UsesStandardNames()
    {
        var items = new MovieLensReader(TestFixtures.MovieLens100KWithoutGenreFile).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(["Action", "Adventure", "Thriller"], items[1].Categories);
        Assert.Equal(19, MovieLensReader.StandardGenres100K.Count);
    }

    [Fact]
    public void Ml100K_Events_GroupedByUserInTimeOrder()
    {
        var events = new MovieLensReader(TestFixtures.MovieLens100K).ReadEvents(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(12, events.Count);
        Assert.Equal(["1", "1", "1", "1", "2", "2", "2", "2", "3", "3", "3", "3"], events.Select(e => e.UserId));
        Assert.Equal(["3", "1", "4", "6"], events.Take(4).Select(e => e.ItemId));
        var first = events[0];
        Assert.Equal("rating", first.Type);
        Assert.Equal(4.0, first.Value);
        Assert.Equal("ml-1-3-874965706", first.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(874965706), first.Timestamp);
    }

    [Fact]
    public void Ml1M_ItemsAndEvents_Parse()
    {
        var reader = new MovieLensReader(TestFixtures.MovieLens1M);

        var items = reader.ReadItems(TestContext.Current.CancellationToken).ToList();
        var events = reader.ReadEvents(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(5, items.Count);
        Assert.Equal("Cité des enfants perdus, La (1995)", items[3].Title);
        Assert.Equal(["Adventure", "Sci-Fi"], items[3].Categories);
        Assert.Equal(10, events.Count);
        Assert.Equal(["2", "1", "4", "3"], events.Take(4).Select(e => e.ItemId)); // user 1 by time
        Assert.Equal(15, reader.EstimateRecordCount());
    }

    [Fact]
    public void Ml100K_BadRating_NamesFileAndLine()
    {
        _folder.Write("u.item", "1|A (1995)|||url|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n");
        _folder.Write("u.data", "1\t1\t5\t100\n1\t1\tfive\t200\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("u.data line 2: rating 'five' is not a number", ex.Message);
    }

    [Fact]
    public void Ml100K_ShortItemLine_NamesFileAndLine()
    {
        _folder.Write("u.item", "1|A (1995)|||url|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0\n2|B (1995)|||url|0|1\n");
        _folder.Write("u.data", "1\t1\t5\t100\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("u.item line 2: expected 24 '|'-separated fields but found 7", ex.Message);
    }

    [Fact]
    public void Ml1M_BadLine_NamesFileAndLine()
    {
        _folder.Write("movies.dat", "1::A (1995)::Drama\n");
        _folder.Write("ratings.dat", "1::1::5::978300760\n\n1::1::5\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new MovieLensReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("ratings.dat line 3: expected 4 '::'-separated fields but found 3", ex.Message);
    }
}
