using LiveRank.Text.Encoders;

namespace LiveRank.Testing;

/// <summary>
/// A deterministic stand-in for a language model in unit tests: dimension k + 1, component i counts keyword i in
/// the lower-cased text (the last component is a constant 0.1 so no vector is zero), L2-normalised. Texts sharing
/// keywords get high cosine, others low, which is all the semantic machinery needs to be tested. Counts its calls.
/// </summary>
public sealed class KeywordEncoder(params string[] keywords) : ITextEncoder
{
    private int _texts;

    public string ModelId { get; init; } = "keywords-test";

    public int Dimension => keywords.Length + 1;

    public int MaxTokens => 512;

    /// <summary>Texts encoded so far.</summary>
    public int TextsEncoded => Volatile.Read(ref _texts);

    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> output)
    {
        if (output.Length < texts.Count * Dimension) throw new ArgumentException("Output too short.", nameof(output));
        for (int t = 0; t < texts.Count; t++) Write(texts[t], output.Slice(t * Dimension, Dimension));
        Interlocked.Add(ref _texts, texts.Count);
    }

    public float[] Encode(string text)
    {
        var vector = new float[Dimension];
        EncodeBatch([text], vector);
        return vector;
    }

    private void Write(string text, Span<float> row)
    {
        string lower = text.ToLowerInvariant();
        for (int k = 0; k < keywords.Length; k++)
        {
            int count = 0;
            for (int at = lower.IndexOf(keywords[k], StringComparison.Ordinal); at >= 0; at = lower.IndexOf(keywords[k], at + 1, StringComparison.Ordinal)) count++;
            row[k] = count;
        }
        row[^1] = 0.1f;
        float norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(row));
        System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
    }

    public void Dispose()
    {
    }
}
