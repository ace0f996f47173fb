using System.Text;
using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>
/// Folder models built from the bundled MiniLM files written to disk: with vocab.txt, and with a tokenizer.json made
/// from the same vocabulary, they must give exactly the bundled encoder's vectors.
/// </summary>
public sealed class FolderModelTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("liverank-folder-model-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Create_VocabTxtFolder_SameVectorsAsBundledEncoder()
    {
        string folder = Folder("minilm-vocab", vocabTxt: true);

        using OnnxSentenceEncoder encoder = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = BundledModel.MiniLmMaxTokens });

        Assert.Equal(384, encoder.Dimension);
        Assert.Equal(Pooling.Mean, encoder.Pooling);
        AssertSameVectorsAsBundled(encoder);
    }

    [Fact]
    public void Create_TokenizerJsonFolder_SameVectorsAsBundledEncoder()
    {
        string folder = Folder("minilm-json", tokenizerJson: BundledFiles.TokenizerJson());

        using OnnxSentenceEncoder encoder = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = BundledModel.MiniLmMaxTokens });

        Assert.True(encoder.Tokenizer.Lowercase);
        Assert.True(encoder.Tokenizer.StripAccents);
        AssertSameVectorsAsBundled(encoder);
    }

    [Fact]
    public void Create_TokenizerJsonCasedWithoutAccentStripping_SettingsReadAndApplied()
    {
        string folder = Folder("cased", tokenizerJson: BundledFiles.TokenizerJson(lowercase: false, stripAccents: false));

        using OnnxSentenceEncoder encoder = FolderModel.Create(folder);

        Assert.False(encoder.Tokenizer.Lowercase);
        Assert.False(encoder.Tokenizer.StripAccents);
        // The vocabulary is uncased, so a cased tokenizer no longer finds "Toy" as the word "toy".
        Assert.NotEqual(fixture.Encoder.Tokenizer.Encode("Toy Story"), encoder.Tokenizer.Encode("Toy Story"));
        Assert.Equal(fixture.Encoder.Tokenizer.Encode("toy story"), encoder.Tokenizer.Encode("toy story"));
    }

    [Fact]
    public void Create_NoMaxTokensConfigured_ReadsSentenceBertConfigElse512()
    {
        string withConfig = Folder("with-config", vocabTxt: true);
        File.WriteAllText(Path.Combine(withConfig, "sentence_bert_config.json"), """{ "max_seq_length": 128, "do_lower_case": false }""");
        string without = Folder("without-config", vocabTxt: true);

        using OnnxSentenceEncoder configured = FolderModel.Create(withConfig);
        using OnnxSentenceEncoder plain = FolderModel.Create(without);

        Assert.Equal(128, configured.MaxTokens);
        Assert.Equal(FolderModel.DefaultMaxTokens, plain.MaxTokens);
    }

    [Fact]
    public void Create_PoolingConfigSaysCls_ClsUnlessOptionsSayOtherwise()
    {
        string folder = Folder("cls", vocabTxt: true);
        Directory.CreateDirectory(Path.Combine(folder, "1_Pooling"));
        File.WriteAllText(Path.Combine(folder, "1_Pooling", "config.json"),
            """{ "word_embedding_dimension": 384, "pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false }""");

        using OnnxSentenceEncoder fromFile = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 256 });
        using OnnxSentenceEncoder configured = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 256, Pooling = Pooling.Mean });

        Assert.Equal(Pooling.Cls, fromFile.Pooling);
        Assert.Equal(Pooling.Mean, configured.Pooling);
        Assert.NotEqual(fromFile.ModelId, configured.ModelId);
        AssertSameVectorsAsBundled(configured);
    }

    [Fact]
    public void Create_ModelId_FolderNameAndContentHashUnlessGiven()
    {
        string folder = Folder("my-encoder", vocabTxt: true);

        using OnnxSentenceEncoder derived = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 256 });
        using OnnxSentenceEncoder named = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 256 }, modelId: "catalog-v1");

        Assert.Matches("^my-encoder-[0-9a-f]{16}$", derived.ModelId);
        Assert.Equal("catalog-v1", named.ModelId);
    }

    [Fact]
    public void Create_MissingFolder_DirectoryNotFoundNamingIt()
    {
        string missing = Path.Combine(_root, "nowhere");

        var e = Assert.Throws<DirectoryNotFoundException>(() => FolderModel.Create(missing));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoModelFile_FileNotFoundNamingModelOnnx()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        var e = Assert.Throws<FileNotFoundException>(() => FolderModel.Create(folder));

        Assert.Contains("model.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NoTokenizerFile_FileNotFoundNamingBothFiles()
    {
        string folder = Folder("no-tokenizer");

        var e = Assert.Throws<FileNotFoundException>(() => FolderModel.Create(folder));

        Assert.Contains("tokenizer.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("vocab.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GarbledModel_InvalidDataNamingModelOnnx()
    {
        string folder = Directory.CreateDirectory(Path.Combine(_root, "garbled-model")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Encoding.UTF8.GetBytes("this is not a protobuf"));
        File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), BundledFiles.MiniLmVocabulary);

        var e = Assert.Throws<InvalidDataException>(() => FolderModel.Create(folder));

        Assert.Contains(Path.Combine(folder, "model.onnx"), e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tokenizer.json", "{ not json")]
    [InlineData("tokenizer.json", """{ "model": { "type": "BPE", "vocab": {} }, "normalizer": { "type": "BertNormalizer" } }""")]
    [InlineData("tokenizer.json", """{ "model": { "type": "WordPiece", "vocab": { "a": 0 } }, "normalizer": { "type": "BertNormalizer" } }""")]
    [InlineData("vocab.txt", "a\nb\nc\n")]
    public void Create_GarbledTokenizer_InvalidDataNamingTheFile(string file, string content)
    {
        string folder = Folder("garbled-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(Path.Combine(folder, file), content);

        var e = Assert.Throws<InvalidDataException>(() => FolderModel.Create(folder));

        Assert.Contains(Path.Combine(folder, file), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MaxTokensBeyondPositionTable_FailsAtLoadNamingTheSetting()
    {
        string folder = Folder("too-long", vocabTxt: true);

        var e = Assert.Throws<InvalidDataException>(() => FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 600 }));

        Assert.Contains("cannot read 600 tokens", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxTokens", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_FolderModelOnEdgeTexts_UnitVectorsNoThrow()
    {
        string folder = Folder("edge", tokenizerJson: BundledFiles.TokenizerJson());
        using OnnxSentenceEncoder encoder = FolderModel.Create(folder, new OnnxEncoderOptions { MaxTokens = 256 });
        string longText = string.Join(' ', Enumerable.Repeat("cinema", 2000));

        long[] longIds = encoder.Tokenizer.Encode(longText);

        Assert.Equal(256, longIds.Length);
        Assert.Equal(fixture.Encoder.Tokenizer.Encode("")[^1], longIds[^1]);
        foreach (string text in new[] { "", "東京物語", "I ❤️ movies 🎬", "Amélie", longText }) EncoderAssert.Unit(encoder.Encode(text));
    }

    /// <summary>A folder holding model.onnx (a link to one written copy of the bundled model) and the chosen tokenizer files.</summary>
    private string Folder(string name, bool vocabTxt = false, string? tokenizerJson = null)
    {
        string model = Path.Combine(_root, "minilm.onnx");
        if (!File.Exists(model)) File.WriteAllBytes(model, BundledFiles.MiniLmModel);
        string folder = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "model.onnx"), model);
        if (vocabTxt) File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), BundledFiles.MiniLmVocabulary);
        if (tokenizerJson is not null) File.WriteAllText(Path.Combine(folder, "tokenizer.json"), tokenizerJson);
        return folder;
    }

    private void AssertSameVectorsAsBundled(OnnxSentenceEncoder encoder)
    {
        // Accents, CJK, emoji, the empty text and a text past the limit besides ordinary titles.
        List<string> texts = SampleTitles.Load(100);
        texts.AddRange(["Amélie", "東京物語", "I ❤️ movies 🎬", "", string.Join(' ', Enumerable.Repeat("cinema", 600))]);
        var expected = new float[texts.Count * 384];
        var actual = new float[texts.Count * 384];
        fixture.Encoder.EncodeBatch(texts, expected);
        encoder.EncodeBatch(texts, actual);
        for (int i = 0; i < texts.Count; i++) Assert.Equal(fixture.Encoder.Tokenizer.Encode(texts[i]), encoder.Tokenizer.Encode(texts[i]));
        EncoderAssert.SameVectors(expected, actual);
    }
}
