using System.ComponentModel.DataAnnotations;
using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

public class EncoderOptionsTests
{
    [Fact]
    public void Validate_Defaults_MiniLmAndValid()
    {
        var options = new EncoderOptions();

        Assert.Equal(EncoderOptions.MiniLm, options.NormalizedKind);
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData("MiniLM")]
    [InlineData("ARCTIC-XS")]
    [InlineData(" remote ")]
    public void NormalizedKind_AnyCaseOrSpacing_Recognised(string kind)
    {
        Assert.NotNull(new EncoderOptions { Kind = kind }.NormalizedKind);
    }

    [Fact]
    public void Validate_UnknownKind_NamesKindAndListsTheKnownOnes()
    {
        var problem = Assert.Single(Problems(new EncoderOptions { Kind = "bert" }));

        Assert.Equal(nameof(EncoderOptions.Kind), problem.MemberNames.Single());
        Assert.Contains("minilm, arctic-xs, folder, remote", problem.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FolderWithoutPath_NamesPath()
    {
        var problem = Assert.Single(Problems(new EncoderOptions { Kind = "folder" }));

        Assert.Equal(nameof(EncoderOptions.Path), problem.MemberNames.Single());
    }

    [Fact]
    public void Validate_FolderMissingOrWithoutModel_SaysWhatIsMissing()
    {
        DirectoryInfo empty = Directory.CreateTempSubdirectory("liverank-encoder-options-");
        try
        {
            Assert.Contains("does not exist", Assert.Single(Problems(new EncoderOptions { Kind = "folder", Path = Path.Combine(empty.FullName, "x") })).ErrorMessage);
            Assert.Contains("holds no model.onnx", Assert.Single(Problems(new EncoderOptions { Kind = "folder", Path = empty.FullName })).ErrorMessage);
            File.WriteAllBytes(Path.Combine(empty.FullName, "model.onnx"), [1]);
            Assert.Contains("neither tokenizer.json nor vocab.txt", Assert.Single(Problems(new EncoderOptions { Kind = "folder", Path = empty.FullName })).ErrorMessage);
            File.WriteAllText(Path.Combine(empty.FullName, "vocab.txt"), "[PAD]");
            Assert.Empty(Problems(new EncoderOptions { Kind = "folder", Path = empty.FullName }));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, "all-MiniLM-L6-v2", "Endpoint")]
    [InlineData("ftp://host/v1", "m", "Endpoint")]
    [InlineData("/v1", "m", "Endpoint")]
    [InlineData("http://127.0.0.1:5000/v1", null, "Model")]
    public void Validate_RemoteWithoutAddressOrModel_NamesTheSetting(string? endpoint, string? model, string member)
    {
        var problem = Assert.Single(Problems(new EncoderOptions { Kind = "remote", Endpoint = endpoint, Model = model }));

        Assert.Equal(member, problem.MemberNames.Single());
    }

    [Fact]
    public void Validate_BundledWithForeignPoolingOrTooManyTokens_Refused()
    {
        Assert.Equal("Pooling", Assert.Single(Problems(new EncoderOptions { Kind = "arctic-xs", Pooling = Pooling.Mean })).MemberNames.Single());
        Assert.Equal("Pooling", Assert.Single(Problems(new EncoderOptions { Kind = "minilm", Pooling = Pooling.Cls })).MemberNames.Single());
        Assert.Empty(Problems(new EncoderOptions { Kind = "arctic-xs", Pooling = Pooling.Cls }));
        Assert.Equal("MaxTokens", Assert.Single(Problems(new EncoderOptions { MaxTokens = 1024 })).MemberNames.Single());
    }

    [Fact]
    public void Validate_RangesAndTimeout_Checked()
    {
        Assert.Equal("BatchSize", Assert.Single(Problems(new EncoderOptions { BatchSize = 0 })).MemberNames.Single());
        Assert.Equal("Threads", Assert.Single(Problems(new EncoderOptions { Threads = 0 })).MemberNames.Single());
        Assert.Equal("MaxTokens", Assert.Single(Problems(new EncoderOptions { MaxTokens = 1 })).MemberNames.Single());
        Assert.Equal("Timeout", Assert.Single(Problems(new EncoderOptions { Timeout = TimeSpan.Zero })).MemberNames.Single());
    }

    [Fact]
    public void EncoderFactory_InvalidOptions_ThrowsNamingTheKey()
    {
        var e = Assert.Throws<ArgumentException>(() => EncoderFactory.Create(new EncoderOptions { Kind = "folder" }));

        Assert.StartsWith("LiveRank:Encoder:Path:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncoderFactory_ArcticKindWithSettings_ArcticEncoderWithThem()
    {
        using ITextEncoder encoder = EncoderFactory.Create(new EncoderOptions { Kind = "arctic-xs", MaxTokens = 128, Threads = 1 });

        Assert.Equal(BundledModel.ArcticEmbedXs, encoder.ModelId);
        Assert.Equal(128, encoder.MaxTokens);
        Assert.Equal(Pooling.Cls, Assert.IsType<OnnxSentenceEncoder>(encoder).Pooling);
    }

    private static List<ValidationResult> Problems(EncoderOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
