using LiveRank.Domain;
using LiveRank.Import;
using Xunit;

namespace LiveRank.Tests.Import;

public sealed class JsonlReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ReadItems_FullAndMinimalLines_MapEveryField()
    {
        string items = _folder.Write("items.jsonl", """
            {"id":"sku-1","title":"Red shoe","description":"Light, fast","categories":["shoes","running"],"price":59.9,"currency":"EUR","brand":"Acme","tags":["red"],"attributes":{"size":42,"colour":"red"},"createdAt":"2024-05-01T10:00:00Z"}

            {"id":"sku-2","title":"Plain","createdAt":1700000000}
            """);

        var read = new JsonlReader(items, null).ReadItems(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(2, read.Count);
        var full = read[0];
        Assert.Equal("sku-1", full.Id);
        Assert.Equal("Light, fast", full.Description);
        Assert.Equal(["shoes", "running"], full.Categories);
        Assert.Equal(59.9, full.Price);
        Assert.Equal("EUR", full.Currency);
        Assert.Equal("Acme", full.Brand);
        Assert.Equal(["red"], full.Tags);
        Assert.Equal(AttributeValue.FromNumber(42), full.Attributes["size"]);
        Assert.Equal(AttributeValue.FromText("red"), full.Attributes["colour"]);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), full.CreatedAt);
        Assert.Empty(read[1].Categories);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), read[1].CreatedAt);
    }

    [Fact]
    public void ReadEvents_BothTimestampForms_Parse()
    {
        string events = _folder.Write("events.jsonl", """
            {"id":"e1","type":"click","userId":"u1","sessionId":"s1","itemId":"sku-1","timestamp":"2024-05-01T12:00:00+02:00","requestId":"r1"}
            {"id":"e2","type":"rating","userId":"u1","itemId":"sku-2","timestamp":1714557600,"value":4.5}
            {"id":"e3","type":"view","userId":"u2","itemId":"sku-2","timestamp":1714557600.25}
            """);

        var read = new JsonlReader(null, events).ReadEvents(TestContext.Current.CancellationToken).ToList();

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), read[0].Timestamp);
        Assert.Equal("s1", read[0].SessionId);
        Assert.Equal("r1", read[0].RequestId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_714_557_600), read[1].Timestamp);
        Assert.Equal(4.5, read[1].Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_714_557_600_250), read[2].Timestamp);
        Assert.All(read, e => Assert.True(e.HasClientId));
    }

    [Fact]
    public void ReadEvents_WithoutId_GetsVersion7GuidAndNoClientId()
    {
        string events = _folder.Write("events.jsonl", """{"type":"view","userId":"u1","itemId":"i1","timestamp":1}""");

        var e = Assert.Single(new JsonlReader(null, events).ReadEvents(TestContext.Current.CancellationToken));

        Assert.False(e.HasClientId);
        Assert.Equal(7, Guid.Parse(e.Id).Version);
    }

    [Fact]
    public void ReadEvents_NumericIds_AreTakenAsText()
    {
        string events = _folder.Write("events.jsonl", """{"id":1,"type":"view","userId":42,"itemId":7,"timestamp":1}""");

        var e = Assert.Single(new JsonlReader(null, events).ReadEvents(TestContext.Current.CancellationToken));

        Assert.Equal(("1", "42", "7"), (e.Id, e.UserId, e.ItemId));
    }

    [Fact]
    public void ReadEvents_NotJson_NamesFileAndLine()
    {
        string events = _folder.Write("events.jsonl", """
            {"type":"view","userId":"u1","itemId":"i1","timestamp":1}
            {"type":"view","userId":"u1",
            """);

        var ex = Assert.Throws<DatasetFormatException>(() => new JsonlReader(null, events).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.StartsWith("events.jsonl line 2: not valid JSON", ex.Message);
    }

    [Theory]
    [InlineData("""{"type":"view","itemId":"i1","timestamp":1}""", "userId is missing")]
    [InlineData("""{"type":"teleport","userId":"u","itemId":"i1","timestamp":1}""", "type 'teleport' is not a known event type")]
    [InlineData("""{"type":"view","userId":"u","itemId":"i1","timestamp":"yesterday"}""", "timestamp 'yesterday' is not an ISO-8601 time")]
    [InlineData("""{"type":"view","userId":"u","itemId":"i1"}""", "timestamp is missing")]
    [InlineData("""{"type":"rating","userId":"u","itemId":"i1","timestamp":1,"value":"five"}""", "value must be a finite number but is a string")]
    [InlineData("""["view"]""", "expected a JSON object but found an array")]
    public void ReadEvents_BadField_NamesTheField(string line, string problem)
    {
        string events = _folder.Write("events.jsonl", "\n" + line + "\n");

        var ex = Assert.Throws<DatasetFormatException>(() => new JsonlReader(null, events).ReadEvents(TestContext.Current.CancellationToken).ToList());

        Assert.Equal($"events.jsonl line 2: {problem}", ex.Message);
    }

    [Theory]
    [InlineData("""{"title":"No id"}""", "id is missing")]
    [InlineData("""{"id":"a"}""", "title is missing")]
    [InlineData("""{"id":"a","title":"t","categories":"shoes"}""", "categories must be an array of strings but is a string")]
    [InlineData("""{"id":"a","title":"t","attributes":{"ok":true}}""", "attributes.ok must be a string or a finite number but is a boolean")]
    public void ReadItems_BadField_NamesTheField(string line, string problem)
    {
        string items = _folder.Write("items.jsonl", line);

        var ex = Assert.Throws<DatasetFormatException>(() => new JsonlReader(items, null).ReadItems(TestContext.Current.CancellationToken).ToList());

        Assert.Equal($"items.jsonl line 1: {problem}", ex.Message);
    }

    [Fact]
    public void ReadEvents_CustomType_AcceptedWhenRegistryKnowsIt()
    {
        string events = _folder.Write("events.jsonl", """{"id":"e","type":"share","userId":"u","itemId":"i","timestamp":1}""");
        var types = new EventTypeRegistry([new EventTypeDefinition { Name = "share", Weight = 3, PopularityWeight = 1 }]);

        var e = Assert.Single(new JsonlReader(null, events, types).ReadEvents(TestContext.Current.CancellationToken));

        Assert.Equal("share", e.Type);
    }

    [Fact]
    public void Constructor_MissingFile_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => new JsonlReader(Path.Combine(_folder.Path, "none.jsonl"), null));
    }
}
