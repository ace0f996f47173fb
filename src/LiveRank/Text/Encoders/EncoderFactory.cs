namespace LiveRank.Text.Encoders;

/// <summary>Creates the encoder that <see cref="EncoderOptions"/> describe. Loading a local model takes a few hundred milliseconds; share the instance.</summary>
public static class EncoderFactory
{
    /// <exception cref="ArgumentException">The options fail <see cref="EncoderOptions.Validate"/>.</exception>
    /// <exception cref="IOException">A folder model's folder or files are missing (see <see cref="FolderModel.Create"/>).</exception>
    /// <exception cref="InvalidDataException">A folder model's file is not what it should be; the message names it.</exception>
    /// <exception cref="NotSupportedException">The process cannot normalise Unicode (globalization-invariant mode), which BERT tokenisation needs.</exception>
    /// <exception cref="RemoteEncoderException">A remote endpoint without a configured dimension could not be asked for it.</exception>
    public static ITextEncoder Create(EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), problems, validateAllProperties: true))
        {
            var first = problems[0];
            throw new ArgumentException($"LiveRank:Encoder:{first.MemberNames.FirstOrDefault() ?? nameof(EncoderOptions.Kind)}: {first.ErrorMessage}", nameof(options));
        }
        return options.NormalizedKind switch
        {
            EncoderOptions.ArcticXs => BundledModel.CreateArcticXs(options.ToOnnxOptions()),
            EncoderOptions.Folder => FolderModel.Create(options.Path!, options.ToOnnxOptions(), options.Model),
            EncoderOptions.Remote => RemoteEmbeddingEncoder.CreateOpenAI(new Uri(options.Endpoint!), options.ApiKey, options.Model!, options.ToRemoteOptions()),
            _ => BundledModel.CreateMiniLm(options.ToOnnxOptions()),
        };
    }
}
