using System.Text;
using LiveRank.Server.Tests.Infrastructure;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary>
/// The encoder is created on first use, not at start: a server whose folder model is garbled (its files are there, so
/// the options validate) starts and ranks, and only /v1/embeddings reports the broken model.
/// </summary>
public sealed class EncoderLoadingTests : IAsyncLifetime
{
    private readonly TempStoreDirectory _modelFolder = new();
    private LiveRankFactory _factory = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        File.WriteAllBytes(Path.Combine(_modelFolder.Path, "model.onnx"), Encoding.UTF8.GetBytes("not an onnx model"));
        File.WriteAllText(Path.Combine(_modelFolder.Path, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\nmovie\n");
        _factory = new LiveRankFactory(new Dictionary<string, string?>
        {
            ["LiveRank:Encoder:Kind"] = "folder",
            ["LiveRank:Encoder:Path"] = _modelFolder.Path,
        });
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _modelFolder.Dispose();
    }

    [Fact]
    public async Task GarbledFolderModel_ServerStartsAndRanks_EmbeddingsAnswer503NamingTheFile()
    {
        await GetOkAsync(_client, "/readyz");
        await PostOkAsync(_client, "/v1/rerank", Rerank("u", "a", "b"));

        var problem = await AssertProblemAsync(await PostAsync(_client, "/v1/embeddings", """{ "input": "movie" }"""),
            System.Net.HttpStatusCode.ServiceUnavailable);

        Assert.Contains(Path.Combine(_modelFolder.Path, "model.onnx"), problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFolder_ServerRefusesToStartNamingTheKey()
    {
        using var store = new TempStoreDirectory();
        string missing = Path.Combine(_modelFolder.Path, "missing");
        await using var app = LiveRankApp.Build([
            "--urls", "http://127.0.0.1:0", $"--LiveRank:Store:Connection={store.Connection}", "--LiveRank:Demo:Enabled=false",
            "--LiveRank:Encoder:Kind=folder", $"--LiveRank:Encoder:Path={missing}"]);

        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.Contains("Path", e.Message, StringComparison.Ordinal);
        Assert.Contains($"folder '{missing}' does not exist", e.Message, StringComparison.Ordinal);
    }
}
