using System.Buffers.Binary;
using System.Net;
using System.Text.Json.Nodes;
using LiveRank.Server.Tests.Infrastructure;
using LiveRank.Text.Encoders;
using Xunit;
using static LiveRank.Server.Tests.Infrastructure.Api;

namespace LiveRank.Server.Tests;

/// <summary><c>POST /v1/embeddings</c> in OpenAI's wire format, on the default (bundled MiniLM) encoder.</summary>
public sealed class EmbeddingEndpointsTests : ServerTest
{
    private static readonly Lazy<OnnxSentenceEncoder> Local = new(() => BundledModel.CreateMiniLm(new OnnxEncoderOptions { IntraOpThreads = 1 }));

    [Fact]
    public async Task Embeddings_OneString_OpenAiShapeWithTheBundledEncodersVector()
    {
        var answer = await PostOkAsync(Client, "/v1/embeddings", new JsonObject { ["input"] = "Toy Story (1995)" });

        Assert.Equal("list", answer["object"]!.GetValue<string>());
        Assert.Equal(BundledModel.MiniLmL6V2, answer["model"]!.GetValue<string>());
        var item = Assert.Single(answer["data"]!.AsArray())!;
        Assert.Equal("embedding", item["object"]!.GetValue<string>());
        Assert.Equal(0, item["index"]!.GetValue<int>());
        AssertVector(Local.Value.Encode("Toy Story (1995)"), Floats(item["embedding"]!));
        int tokens = Local.Value.CountTokens("Toy Story (1995)");
        Assert.Equal(tokens, answer["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(tokens, answer["usage"]!["total_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Embeddings_ArrayAndHubModelName_OneVectorPerInputInOrder()
    {
        string[] texts = ["Heat (1995)", "Amélie", "東京物語", "I ❤️ movies 🎬", string.Join(' ', Enumerable.Repeat("cinema", 1000))];
        var body = new JsonObject
        {
            ["input"] = new JsonArray([.. texts.Select(t => (JsonNode)JsonValue.Create(t)!)]),
            ["model"] = "sentence-transformers/all-MiniLM-L6-v2",
            ["encoding_format"] = "float",
        };

        var answer = await PostOkAsync(Client, "/v1/embeddings", body);

        var data = answer["data"]!.AsArray();
        Assert.Equal(texts.Length, data.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(i, data[i]!["index"]!.GetValue<int>());
            AssertVector(Local.Value.Encode(texts[i]), Floats(data[i]!["embedding"]!));
        }
        Assert.Equal(texts.Sum(Local.Value.CountTokens), answer["usage"]!["prompt_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Embeddings_Base64_LittleEndianFloat32OfTheSameVector()
    {
        var answer = await PostOkAsync(Client, "/v1/embeddings", new JsonObject { ["input"] = new JsonArray("Heat (1995)"), ["encoding_format"] = "base64" });

        byte[] bytes = Convert.FromBase64String(answer["data"]![0]!["embedding"]!.GetValue<string>());
        var vector = new float[bytes.Length / sizeof(float)];
        for (int d = 0; d < vector.Length; d++) vector[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(d * sizeof(float)));
        AssertVector(Local.Value.Encode("Heat (1995)"), vector);
    }

    [Fact]
    public async Task OpenApi_Embeddings_DescribedWithSummaryAndProblems()
    {
        var document = await GetOkAsync(Client, "/openapi/v1.json");

        var post = document["paths"]!["/v1/embeddings"]!["post"]!;
        Assert.Contains("OpenAI-compatible embeddings", post["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("encoding_format", post["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var responses = post["responses"]!.AsObject();
        Assert.All(new[] { "200", "400", "413", "422", "503" }, code => Assert.True(responses.ContainsKey(code), code));
    }

    [Theory]
    [InlineData("""{ }""", "input")]
    [InlineData("""{ "input": null }""", "input")]
    [InlineData("""{ "input": "" }""", "input")]
    [InlineData("""{ "input": [] }""", "input")]
    [InlineData("""{ "input": 42 }""", "input")]
    [InlineData("""{ "input": { "text": "a" } }""", "input")]
    [InlineData("""{ "input": ["a", ""] }""", "input[1]")]
    [InlineData("""{ "input": [[101, 102]] }""", "input[0]")]
    [InlineData("""{ "input": ["a", 7] }""", "input[1]")]
    [InlineData("""{ "input": "\ud800" }""", "input")]
    [InlineData("""{ "input": "a", "encoding_format": "int8" }""", "encoding_format")]
    [InlineData("""{ "input": "a", "model": "text-embedding-3-small" }""", "model")]
    [InlineData("""{ "input": "a", "dimensions": 128 }""", "dimensions")]
    public async Task Embeddings_BrokenRule_Returns422NamingTheField(string json, string field)
    {
        using var response = await PostAsync(Client, "/v1/embeddings", json);

        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Embeddings_TooManyInputs_Returns413NamingTheLimit()
    {
        var body = new JsonObject { ["input"] = new JsonArray([.. Enumerable.Range(0, 257).Select(i => (JsonNode)JsonValue.Create($"t{i}")!)]) };

        var problem = await AssertProblemAsync(await PostAsync(Client, "/v1/embeddings", body), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("at most 256", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Embeddings_MalformedJson_Returns400NamingPath()
    {
        using var response = await PostAsync(Client, "/v1/embeddings", """{ "input": ["a", ] }""");

        await AssertMalformedAsync(response, "$.input");
    }

    private static float[] Floats(JsonNode array) => [.. array.AsArray().Select(x => x!.GetValue<float>())];

    private static void AssertVector(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // JSON carries floats in shortest round-trip form, so the server's vector arrives bit for bit; the tolerance
        // only allows for the server's batch being bucketed differently from this single-text call.
        for (int d = 0; d < expected.Length; d++) Assert.Equal(expected[d], actual[d], 1e-5);
    }
}
