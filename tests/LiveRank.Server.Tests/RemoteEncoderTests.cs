using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LiveRank.Server.Tests.Infrastructure;
using LiveRank.Testing;
using LiveRank.Text.Encoders;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>
/// <see cref="RemoteEmbeddingEncoder"/> through the OpenAI client against a real LiveRank server process serving
/// /v1/embeddings: the vectors must be the bundled encoder's. Also what happens when the endpoint is down or silent.
/// </summary>
public sealed class RemoteEncoderTests : IDisposable
{
    private readonly TempStoreDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RemoteEncoder_AgainstLiveRankServer_SameVectorsAsBundledEncoder()
    {
        await using var server = await ServerProcess.StartAsync(_directory.Connection, Ct);
        List<string> titles = SampleTitles.Load(100);
        titles.AddRange(["Amélie", "東京物語", "I ❤️ movies 🎬", string.Join(' ', Enumerable.Repeat("cinema", 1000))]);

        // Through the configuration path the server itself would use; no dimension configured, so it is discovered.
        using ITextEncoder remote = EncoderFactory.Create(new EncoderOptions
        {
            Kind = "remote",
            Endpoint = new Uri(server.Address, "/v1").ToString(),
            Model = BundledModel.MiniLmL6V2,
            BatchSize = 16,
        });
        using OnnxSentenceEncoder local = BundledModel.CreateMiniLm();
        var expected = new float[titles.Count * local.Dimension];
        local.EncodeBatch(titles, expected);
        var actual = new float[titles.Count * remote.Dimension];
        await Task.Run(() => remote.EncodeBatch(titles, actual), Ct);

        Assert.Equal(BundledModel.MiniLmL6V2, remote.ModelId);
        Assert.Equal(local.Dimension, remote.Dimension);
        for (int i = 0; i < titles.Count; i++)
        {
            double cosine = Cosine(expected.AsSpan(i * local.Dimension, local.Dimension), actual.AsSpan(i * local.Dimension, local.Dimension));
            Assert.True(cosine >= 0.9999, $"'{titles[i]}': cosine {cosine}");
        }
    }

    [Fact]
    public void RemoteEncoder_NothingListening_FailsFastNamingTheEndpoint()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePort()}/v1");
        var timer = Stopwatch.StartNew();

        var e = Assert.Throws<RemoteEncoderException>(() => RemoteEmbeddingEncoder.CreateOpenAI(endpoint, null, "m",
            new RemoteEncoderOptions { MaxRetries = 0, Timeout = TimeSpan.FromSeconds(20) }));

        Assert.Contains(endpoint.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("could not be reached", e.Message, StringComparison.Ordinal);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(15), $"took {timer.Elapsed}");
    }

    [Fact]
    public async Task RemoteEncoder_EndpointAcceptsButNeverAnswers_TimesOutNamingTheEndpoint()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/v1");
        using var encoder = RemoteEmbeddingEncoder.CreateOpenAI(endpoint, "key", "m",
            new RemoteEncoderOptions { Dimension = 384, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(1) });

        var e = await Assert.ThrowsAsync<RemoteEncoderException>(() => encoder.EncodeBatchAsync(["a"], new float[384], Ct));

        Assert.Equal($"{endpoint} did not answer within 1 s.", e.Message);
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
