namespace LiveRank.Text.Encoders;

/// <summary>Settings of a <see cref="RemoteEmbeddingEncoder"/>.</summary>
public sealed class RemoteEncoderOptions
{
    /// <summary>Most texts sent in one request.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Length of the vectors the endpoint returns; null asks the endpoint once, at construction.</summary>
    public int? Dimension { get; set; }

    /// <summary>Most tokens the remote model reads, as reported by <see cref="ITextEncoder.MaxTokens"/>; LiveRank does not truncate for it.</summary>
    public int MaxTokens { get; set; } = 512;

    /// <summary>Longest wait for one request, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a request that failed with a transient error (connection refused, 429, 5xx), with back-off.</summary>
    public int MaxRetries { get; set; } = 2;
}
