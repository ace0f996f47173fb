using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiveRank.Domain;
using LiveRank.Server.Contracts;
using LiveRank.Server.Validation;

namespace LiveRank.Benchmarks;

/// <summary>
/// The server's own work around a ranking, without sockets: a rerank body (100 candidates) read through the
/// source-generated JSON contract and validated into a <see cref="RankRequest"/>; the 100-item answer written; an
/// events body (500 events) read and validated, one operation = one event. The wrk load script measures the same
/// path over HTTP; this isolates what JSON and validation cost and allocate.
/// </summary>
[MemoryDiagnoser]
public class HttpPathBenchmarks
{
    private const int EventsPerBatch = 500;

    private byte[] _rerankBody = null!;
    private byte[] _eventsBody = null!;
    private RerankResponse _response = null!;
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private Utf8JsonWriter _writer = null!;
    private readonly EventTypeRegistry _types = EventTypeRegistry.Default;
    private DateTimeOffset _now;

    [GlobalSetup]
    public void Setup()
    {
        var rerank = new StringBuilder("{\"userId\":\"user-417\",\"candidates\":[");
        var items = new RankedItemDto[100];
        for (int i = 0; i < 100; i++)
        {
            rerank.Append(i == 0 ? "" : ",").Append("{\"id\":\"").Append(1000 + i * 37).Append("\",\"score\":").Append(100 - i).Append('}');
            items[i] = new RankedItemDto((1000 + i * 37).ToString(System.Globalization.CultureInfo.InvariantCulture), 1f / (i + 1), i + 1, null);
        }
        _rerankBody = Encoding.UTF8.GetBytes(rerank.Append("],\"limit\":100}").ToString());
        _response = new RerankResponse("0193c7a2b4e57d1e9f00a1b2c3d4e5f6", "heuristic-v2", items, 0.042);

        var events = new StringBuilder("{\"events\":[");
        for (int i = 0; i < EventsPerBatch; i++)
        {
            events.Append(i == 0 ? "" : ",").Append("{\"type\":\"view\",\"userId\":\"user-").Append(i % 97)
                .Append("\",\"itemId\":\"").Append(1000 + i * 13).Append("\",\"timestamp\":1764300000}");
        }
        _eventsBody = Encoding.UTF8.GetBytes(events.Append("]}").ToString());
        _writer = new Utf8JsonWriter(_output);
        _now = DateTimeOffset.FromUnixTimeSeconds(1764300600);
    }

    [Benchmark]
    public RankRequest? RerankRequest_ReadValidate()
    {
        var dto = JsonSerializer.Deserialize(_rerankBody, ApiJsonContext.Default.RerankRequestDto)!;
        return RerankValidator.Validate(dto, new ValidationErrors());
    }

    [Benchmark]
    public int RerankResponse_Write()
    {
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        JsonSerializer.Serialize(_writer, _response, ApiJsonContext.Default.RerankResponse);
        return _output.WrittenCount;
    }

    [Benchmark(OperationsPerInvoke = EventsPerBatch)]
    public int EventsRequest_ReadValidate_PerEvent() // as EventEndpoints does it, path string included
    {
        var dto = JsonSerializer.Deserialize(_eventsBody, ApiJsonContext.Default.EventsRequest)!;
        var errors = new ValidationErrors();
        int valid = 0;
        var events = dto.Events!;
        for (int i = 0; i < events.Count; i++)
        {
            if (EventValidator.Validate(events[i], $"events[{i}]", _now, TimeSpan.FromMinutes(5), _types, errors) is not null) valid++;
        }
        return valid;
    }
}
