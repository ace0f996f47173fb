namespace LiveRank.Text.Encoders;

/// <summary>
/// Turns text into fixed-size, L2-normalised float32 vectors. Implementations are thread-safe:
/// one instance serves every caller.
/// </summary>
public interface ITextEncoder : IDisposable
{
    /// <summary>Stable model identifier (e.g. "all-MiniLM-L6-v2"); part of persisted cache keys, so it must never change for the same weights.</summary>
    string ModelId { get; }

    /// <summary>Length of every vector this encoder writes.</summary>
    int Dimension { get; }

    /// <summary>Most tokens (including special tokens) the model reads; longer texts are truncated.</summary>
    int MaxTokens { get; }

    /// <summary>
    /// Encodes <paramref name="texts"/> into <paramref name="output"/>, row-major: row <c>i</c>
    /// (<see cref="Dimension"/> floats starting at <c>i * Dimension</c>) is the unit vector of <c>texts[i]</c>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> is shorter than <c>texts.Count * Dimension</c>.</exception>
    void EncodeBatch(IReadOnlyList<string> texts, Span<float> output);

    /// <summary>Encodes one text into a new array of <see cref="Dimension"/> floats.</summary>
    float[] Encode(string text);

    /// <summary>
    /// Tokens the model reads for <paramref name="text"/>, special tokens included and after truncation (usage figures);
    /// 0 where the encoder cannot tell, as for a remote endpoint.
    /// </summary>
    int CountTokens(string text) => 0;
}
