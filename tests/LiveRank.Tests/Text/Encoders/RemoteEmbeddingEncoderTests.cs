using LiveRank.Text.Encoders;
using Microsoft.Extensions.AI;

namespace LiveRank.Tests.Text.Encoders;

/// <summary>The remote encoder over a scripted generator; the real HTTP path is tested against a LiveRank server process in LiveRank.Server.Tests.</summary>
public class RemoteEmbeddingEncoderTests
{
    [Fact]
    public void EncodeBatch_MoreTextsThanBatchSize_OneRequestPerBatchInOrder()
    {
        var generator = new ScriptedGenerator(dimension: 4);
        using var encoder = new RemoteEmbeddingEncoder(generator, "m", new RemoteEncoderOptions { BatchSize = 3, Dimension = 4 });
        string[] texts = ["a", "bb", "ccc", "dddd", "eeeee", "ffffff", "g"];

        var output = new float[texts.Length * 4];
        encoder.EncodeBatch(texts, output);

        Assert.Equal([3, 3, 1], generator.Batches.Select(b => b.Count));
        Assert.Equal(texts, generator.Batches.SelectMany(b => b));
        for (int i = 0; i < texts.Length; i++)
        {
            // The scripted vector of a text of length n points along (n, 1, 0, 0).
            float[] row = output.AsSpan(i * 4, 4).ToArray();
            EncoderAssert.Unit(row);
            Assert.Equal(texts[i].Length / Math.Sqrt(texts[i].Length * texts[i].Length + 1), row[0], 1e-6);
        }
    }

    [Fact]
    public void Constructor_NoDimensionConfigured_AsksTheServiceOnce()
    {
        var generator = new ScriptedGenerator(dimension: 7);

        using var encoder = new RemoteEmbeddingEncoder(generator, "m");

        Assert.Equal(7, encoder.Dimension);
        Assert.Single(generator.Batches);
    }

    [Fact]
    public void EncodeBatch_ServiceAnswersWrongDimension_RemoteEncoderExceptionSayingSo()
    {
        var generator = new ScriptedGenerator(dimension: 5);
        using var encoder = new RemoteEmbeddingEncoder(generator, "m", new RemoteEncoderOptions { Dimension = 4 }, "http://svc/v1");

        var e = Assert.Throws<RemoteEncoderException>(() => encoder.Encode("x"));

        Assert.Contains("http://svc/v1 answered a vector of 5 dimensions", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeBatch_ServiceNeverAnswers_TimesOutWithClearError()
    {
        var generator = new ScriptedGenerator(dimension: 4) { Hang = true };
        using var encoder = new RemoteEmbeddingEncoder(generator, "m",
            new RemoteEncoderOptions { Dimension = 4, Timeout = TimeSpan.FromMilliseconds(200) }, "http://svc/v1");

        var e = Assert.Throws<RemoteEncoderException>(() => encoder.Encode("x"));

        Assert.Equal("http://svc/v1 did not answer within 0.2 s.", e.Message);
    }

    private sealed class ScriptedGenerator(int dimension) : IEmbeddingGenerator<string, Embedding<float>>
    {
        public List<List<string>> Batches { get; } = [];

        public bool Hang { get; init; }

        public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            var batch = values.ToList();
            Batches.Add(batch);
            if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            var result = new GeneratedEmbeddings<Embedding<float>>();
            foreach (string text in batch)
            {
                var vector = new float[dimension];
                vector[0] = text.Length;
                vector[1] = 1;
                result.Add(new Embedding<float>(vector));
            }
            return result;
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
