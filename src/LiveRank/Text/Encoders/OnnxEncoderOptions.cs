namespace LiveRank.Text.Encoders;

/// <summary>Run-time settings of an <see cref="OnnxSentenceEncoder"/>.</summary>
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
}
