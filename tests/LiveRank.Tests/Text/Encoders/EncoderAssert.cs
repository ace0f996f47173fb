using System.Globalization;
using System.Text;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>Vector checks shared by the encoder tests, and the text the reference tokenizers are given.</summary>
internal static class EncoderAssert
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    public static void Unit(ReadOnlySpan<float> vector)
    {
        double sum = 0;
        foreach (float x in vector)
        {
            Assert.True(float.IsFinite(x));
            sum += x * (double)x;
        }
        Assert.Equal(1.0, Math.Sqrt(sum), 1e-5);
    }

    /// <summary>Asserts that two row-major batches hold the same vectors to within <paramref name="tolerance"/> per component.</summary>
    public static void SameVectors(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"component {i}: {expected[i]} vs {actual[i]}");
    }

    // BERT uncased lower-cases and strips accents before WordPiece; the reference tokenizers turn accented letters
    // into [UNK] instead, so they are given the text BERT's normaliser would produce (same ids BERT would give the raw text).
    public static string BertNormalized(string text)
    {
        string decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        }
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }
}
