using LiveRank.Text;

namespace LiveRank.Tests.Text;

public class TextComposerTests
{
    [Fact]
    public void WhiteSpace_IsExactlyCharIsWhiteSpace()
    {
        for (int c = 0; c <= char.MaxValue; c++)
            Assert.True(TextComposer.WhiteSpace.Contains((char)c) == char.IsWhiteSpace((char)c), $"U+{c:X4}");
    }

    [Fact]
    public void AppendValue_WordsAndRuns_OneSpaceBetweenNoneAtTheEnds()
    {
        var text = new TextComposer(stackalloc char[4], growable: true);
        try
        {
            text.AppendValue("\u00A0 The\t\tlongest \u2003word\r\n");
            text.AppendLiteral(" .");

            Assert.Equal("The longest word.", text.ToString());
        }
        finally
        {
            text.Dispose();
        }
    }

    [Fact]
    public void AppendValue_FixedBufferTooSmall_Overflows()
    {
        var text = new TextComposer(stackalloc char[8], growable: false);

        text.AppendValue("Unbreakable");

        Assert.True(text.Overflowed);
    }
}
