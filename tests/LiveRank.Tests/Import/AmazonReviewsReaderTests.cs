using System.IO.Compression;
using LiveRank.Import;
using Xunit;

namespace LiveRank.Tests.Import;

public sealed class AmazonReviewsReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadItems_Fixture_MapsMetadataAndSkipsUntitledAndRepeated()
    {
        var items = new AmazonReviewsReader(TestFixtures.Amazon).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(["B001", "B002", "B003", "B004", "B005"], items.Select(i => i.Id));
        var cream = items[0];
        Assert.Equal("Rose Face Cream", cream.Title);
        Assert.Equal(25.0, cream.Price);
        Assert.Equal("USD", cream.Currency);
        Assert.Equal("Acme", cream.Brand);
        Assert.Equal(["Beauty", "Skin Care", "Face"], cream.Categories);
        Assert.Equal("Light cream. Rose scent.", cream.Description);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1472600000), cream.CreatedAt);
        Assert.Equal(1299.99, items[1].Price);
        Assert.Equal("Smooth hair.", items[1].Description);
        Assert.Null(items[2].Price); // a range
        Assert.Null(items[3].Price);
        Assert.Null(items[3].Brand);
        Assert.Empty(items[3].Categories);
        Assert.Null(items[3].Description);
    }

    [Fact]
    public void ReadEvents_Fixture_AreRatingsInTimeOrder()
    {
        var events = new AmazonReviewsReader(TestFixtures.Amazon).ReadEvents(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(10, events.Count);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp));
        var first = events[0];
        Assert.Equal("A3", first.UserId);
        Assert.Equal("B002", first.ItemId);
        Assert.Equal("rating", first.Type);
        Assert.Equal(1.0, first.Value);
        Assert.Equal("amz-A3-B002-1472500000", first.Id);
        Assert.Equal(2, events.Count(e => e.Id == "amz-A3-B005-1472520000")); // duplicate review: same id, de-duplicated by the store
    }

    [Theory]
    [InlineData("$25.00", 25.0)]
    [InlineData(" $1,299.99 ", 1299.99)]
    [InlineData("$4.99 - $9.99", null)]
    [InlineData("", null)]
    [InlineData("25.00", null)]
    [InlineData(null, null)]
    public void ParsePrice_DollarAmounts(string? text, double? expected) =>
        Assert.Equal(expected, AmazonReviewsReader.ParsePrice(text));

    [Fact]
    public void PlainJson_IsReadToo()
    {
        _folder.Write("Books.json", """{"reviewerID":"R","asin":"X","overall":4,"unixReviewTime":100}""");
        _folder.Write("meta_Books.json", """{"asin":"X","title":"A book","description":"Plain."}""");

        var reader = new AmazonReviewsReader(_folder.Path);

        Assert.Equal("A book", Assert.Single(reader.ReadItems(TestContext.Current.CancellationToken)).Title);
        Assert.Equal("X", Assert.Single(reader.ReadEvents(TestContext.Current.CancellationToken)).ItemId);
    }

    [Fact]
    public void BadReviewLine_NamesFileAndLine()
    {
        WriteGzip("Books.json.gz", "{\"reviewerID\":\"R\",\"asin\":\"X\",\"overall\":4,\"unixReviewTime\":100}\n{\"reviewerID\":\"R\",\"asin\":\"Y\",\"unixReviewTime\":100}\n");
        _folder.Write("meta_Books.json", """{"asin":"X","title":"A book"}""");

        var ex = Assert.Throws<DatasetFormatException>(() => new AmazonReviewsReader(_folder.Path).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.Equal("Books.json.gz line 2: overall is missing", ex.Message);
    }

    [Fact]
    public void BadMetadataLine_NamesFileAndLine()
    {
        _folder.Write("Books.json", """{"reviewerID":"R","asin":"X","overall":4,"unixReviewTime":100}""");
        _folder.Write("meta_Books.json", "{\"asin\":\"X\",\"title\":\"A book\"}\n{'asin': 'Y'}\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new AmazonReviewsReader(_folder.Path).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.StartsWith("meta_Books.json line 2: not valid JSON", ex.Message);
    }

    [Fact]
    public void Constructor_MissingMetadata_Throws()
    {
        _folder.Write("Books.json", "");

        var ex = Assert.Throws<FileNotFoundException>(() => new AmazonReviewsReader(_folder.Path));

        Assert.Contains("meta_", ex.Message);
    }

    [Fact]
    public void JsonlReader_GzippedEvents_AreRead()
    {
        WriteGzip("events.jsonl.gz", """{"type":"click","userId":"u","itemId":"i","timestamp":100}""" + "\n");

        var e = Assert.Single(new JsonlReader(null, Path.Combine(_folder.Path, "events.jsonl.gz")).ReadEvents(TestContext.Current.CancellationToken));

        Assert.Equal("i", e.ItemId);
    }

    private void WriteGzip(string name, string text)
    {
        using var file = File.Create(Path.Combine(_folder.Path, name));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
    }
}
