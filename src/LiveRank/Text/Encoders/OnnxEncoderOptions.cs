namespace LiveRank.Text.Encoders;

/// <summary>Run-time settings of an <see cref="OnnxSentenceEncoder"/>, and how it reads its model.</summary>
public sealed class OnnxEncoderOptions
{
    /// <summary>Threads ONNX Runtime uses inside one operator; defaults to the processor count.</summary>
    public int IntraOpThreads { get; set; } = Environment.ProcessorCount;

    /// <summary>Most texts in one model call (one length bucket).</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Most padded tokens (rows × longest row) in one model call, so a bucket of long texts gets fewer rows
    /// and attention memory stays bounded.
    /// </summary>
    public int MaxBatchTokens { get; set; } = 4096;

    /// <summary>Most tokens per text, including [CLS] and [SEP]; 0 uses the model's own limit.</summary>
    public int MaxTokens { get; set; }

    /// <summary>
    /// How token states become one vector; null uses the model's own (bundled models know theirs, a folder model reads
    /// <c>1_Pooling/config.json</c>, otherwise mean). Bundled models refuse a pooling they were not trained with.
    /// </summary>
    public Pooling? Pooling { get; set; }

    /// <summary>Names of the model's inputs; null uses the BERT export names (<see cref="OnnxInputNames"/> defaults).</summary>
    public OnnxInputNames? InputNames { get; set; }

    /// <summary>The output holding the token states [batch, tokens, dimension]; null uses the model's first output.</summary>
    public string? OutputName { get; set; }

    internal OnnxEncoderOptions With(Pooling pooling, int maxTokens)
    {
        var copy = (OnnxEncoderOptions)MemberwiseClone();
        copy.Pooling = pooling;
        copy.MaxTokens = maxTokens;
        return copy;
    }
}
