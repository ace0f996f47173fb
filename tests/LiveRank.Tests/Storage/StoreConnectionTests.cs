using LiveRank.Storage;

namespace LiveRank.Tests.Storage;

public class StoreConnectionTests
{
    [Fact]
    public void Parse_EmbeddedAbsolute_IsThatDirectory()
    {
        var c = StoreConnection.Parse("embedded:///var/lib/liverank");

        Assert.Equal(StoreKind.Embedded, c.Kind);
        Assert.Equal(Path.GetFullPath("/var/lib/liverank"), c.Target);
        Assert.True(Path.IsPathRooted(c.Target));
    }

    [Fact]
    public void Parse_EmbeddedRelative_ResolvesAgainstWorkingDirectory()
    {
        var c = StoreConnection.Parse("embedded://./data");

        Assert.Equal(StoreKind.Embedded, c.Kind);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "data"), c.Target);
    }

    [Fact]
    public void Parse_BarePath_IsEmbedded()
    {
        var c = StoreConnection.Parse("  some/dir  ");

        Assert.Equal(StoreKind.Embedded, c.Kind);
        Assert.Equal(Path.Combine(Environment.CurrentDirectory, "some", "dir"), c.Target);
    }

    [Fact]
    public void Parse_SchemeInAnyCase_IsRecognised() =>
        Assert.Equal(StoreKind.Embedded, StoreConnection.Parse("EMBEDDED://./x").Kind);

    [Fact]
    public void Parse_Redis_KeepsHostAndPort()
    {
        var c = StoreConnection.Parse("redis://cache.local:6379");

        Assert.Equal(new StoreConnection(StoreKind.Redis, "cache.local:6379"), c);
    }

    [Fact]
    public void TryParse_UnknownScheme_FailsWithMessage()
    {
        Assert.False(StoreConnection.TryParse("postgres://db/x", out var connection, out string? error));

        Assert.Null(connection);
        Assert.Contains("Unknown store scheme", error);
        Assert.Throws<FormatException>(() => StoreConnection.Parse("postgres://db/x"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void TryParse_Empty_FailsWithMessage(string? text)
    {
        Assert.False(StoreConnection.TryParse(text, out var connection, out string? error));

        Assert.Null(connection);
        Assert.Contains("empty", error);
    }

    [Fact]
    public void TryParse_EmbeddedWithoutPath_Fails()
    {
        Assert.False(StoreConnection.TryParse("embedded://", out _, out string? error));

        Assert.Contains("names no directory", error);
    }
}
