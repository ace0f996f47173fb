using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;

namespace LiveRank.Text.Encoders;

/// <summary>
/// A user-supplied BERT-family sentence encoder from a folder, as sentence-transformers exports one:
/// <c>model.onnx</c> (token states out) and <c>tokenizer.json</c> (WordPiece) or <c>vocab.txt</c>. Optional files
/// fill in what is not configured: <c>1_Pooling/config.json</c> (mean or cls), <c>sentence_bert_config.json</c>
/// (<c>max_seq_length</c>) and, beside a vocab.txt, <c>tokenizer_config.json</c> (<c>do_lower_case</c>).
/// The dimension is read from the model's output.
/// </summary>
public static class FolderModel
{
    /// <summary>The ONNX model's file name inside the folder.</summary>
    public const string ModelFile = "model.onnx";

    /// <summary>A Hugging Face tokenizer file (preferred when present: it carries the lower-case and accent settings).</summary>
    public const string TokenizerJsonFile = "tokenizer.json";

    /// <summary>A BERT vocabulary, one token a line.</summary>
    public const string VocabularyFile = "vocab.txt";

    /// <summary>Token limit when neither the options nor sentence_bert_config.json give one: BERT's 512 positions.</summary>
    public const int DefaultMaxTokens = 512;

    /// <summary>
    /// Loads the encoder in <paramref name="directory"/>. Its model id is <paramref name="modelId"/> when given, otherwise
    /// the folder's name and a hash of the model, tokenizer, pooling and token limit, so vectors cached under one id
    /// never come from different weights or settings.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">model.onnx, or both tokenizer.json and vocab.txt, are missing.</exception>
    /// <exception cref="InvalidDataException">A file is not what it should be; the message names it.</exception>
    public static OnnxSentenceEncoder Create(string directory, OnnxEncoderOptions? options = null, string? modelId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        options ??= new OnnxEncoderOptions();
        string folder = Path.GetFullPath(directory);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Encoder folder '{folder}' does not exist.");
        string modelPath = Path.Combine(folder, ModelFile);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"Encoder folder '{folder}' holds no {ModelFile}.", modelPath);
        string tokenizerJson = Path.Combine(folder, TokenizerJsonFile);
        string vocabulary = Path.Combine(folder, VocabularyFile);
        string tokenizerPath = File.Exists(tokenizerJson) ? tokenizerJson
            : File.Exists(vocabulary) ? vocabulary
            : throw new FileNotFoundException($"Encoder folder '{folder}' holds neither {TokenizerJsonFile} nor {VocabularyFile}.", vocabulary);

        int maxTokens = options.MaxTokens > 0 ? options.MaxTokens : ReadMaxSequenceLength(folder) ?? DefaultMaxTokens;
        Pooling pooling = options.Pooling ?? ReadPooling(folder) ?? Pooling.Mean;
        byte[] tokenizerBytes = File.ReadAllBytes(tokenizerPath);
        BertWordPieceTokenizer tokenizer = LoadTokenizer(folder, tokenizerPath, tokenizerBytes, maxTokens);
        byte[] model = File.ReadAllBytes(modelPath);
        string id = modelId is { Length: > 0 } ? modelId : DerivedId(folder, model, tokenizerBytes, pooling, maxTokens);

        OnnxSentenceEncoder encoder;
        try
        {
            encoder = new OnnxSentenceEncoder(id, model, tokenizer, options.With(pooling, maxTokens));
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"'{modelPath}' is not a model ONNX Runtime can load: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{modelPath}': {e.Message}", e);
        }

        try
        {
            encoder.ProbeSequence(maxTokens);
        }
        catch (OnnxRuntimeException e)
        {
            encoder.Dispose();
            throw new InvalidDataException(
                $"'{modelPath}' cannot read {maxTokens} tokens (most likely its position table is shorter); set MaxTokens to the model's limit. ONNX Runtime: {e.Message}", e);
        }
        return encoder;
    }

    private static BertWordPieceTokenizer LoadTokenizer(string folder, string path, byte[] bytes, int maxTokens)
    {
        try
        {
            if (path.EndsWith(TokenizerJsonFile, StringComparison.Ordinal))
                return BertWordPieceTokenizer.FromTokenizerJson(new MemoryStream(bytes, writable: false), maxTokens);
            using var reader = new StreamReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
            return new BertWordPieceTokenizer(reader, maxTokens, ReadLowercase(folder) ?? true);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is not a usable BERT WordPiece tokenizer: {e.Message}", e);
        }
    }

    /// <summary><c>1_Pooling/config.json</c>: which sentence-transformers pooling mode is on.</summary>
    private static Pooling? ReadPooling(string folder)
    {
        string path = Path.Combine(folder, "1_Pooling", "config.json");
        if (!File.Exists(path)) return null;
        using JsonDocument document = ParseJson(path);
        bool On(string mode) => document.RootElement.TryGetProperty(mode, out JsonElement v) && v.ValueKind == JsonValueKind.True;
        if (On("pooling_mode_cls_token")) return Pooling.Cls;
        if (On("pooling_mode_mean_tokens")) return Pooling.Mean;
        throw new InvalidDataException($"'{path}' asks for a pooling LiveRank does not implement (only mean and cls); set Pooling to use the model anyway.");
    }

    /// <summary><c>sentence_bert_config.json</c>: the token limit the model was trained with.</summary>
    private static int? ReadMaxSequenceLength(string folder)
    {
        string path = Path.Combine(folder, "sentence_bert_config.json");
        if (!File.Exists(path)) return null;
        using JsonDocument document = ParseJson(path);
        return document.RootElement.TryGetProperty("max_seq_length", out JsonElement v) && v.TryGetInt32(out int length) && length >= 2 ? length : null;
    }

    /// <summary><c>tokenizer_config.json</c>: whether a vocab.txt model is uncased.</summary>
    private static bool? ReadLowercase(string folder)
    {
        string path = Path.Combine(folder, "tokenizer_config.json");
        if (!File.Exists(path)) return null;
        using JsonDocument document = ParseJson(path);
        return document.RootElement.TryGetProperty("do_lower_case", out JsonElement v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? v.ValueKind == JsonValueKind.True
            : null;
    }

    private static JsonDocument ParseJson(string path)
    {
        try
        {
            var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            throw new InvalidDataException($"'{path}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not valid JSON (line {e.LineNumber + 1}).", e);
        }
    }

    private static string DerivedId(string folder, byte[] model, byte[] tokenizer, Pooling pooling, int maxTokens)
    {
        var hash = new XxHash3();
        hash.Append(model);
        hash.Append(tokenizer);
        hash.Append(Encoding.UTF8.GetBytes($"{pooling}/{maxTokens}"));
        return $"{Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))}-{hash.GetCurrentHashAsUInt64():x16}";
    }
}
