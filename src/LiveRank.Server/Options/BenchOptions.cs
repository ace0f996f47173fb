namespace LiveRank.Server.Options;

/// <summary>Benchmark aids, off by default. Section <c>LiveRank:Bench</c>.</summary>
public sealed class BenchOptions
{
    /// <summary>Serve <c>POST /v1/bench/echo</c>: parses a rerank body and writes it back, the ceiling /v1/rerank is measured against.</summary>
    public bool EchoEndpoint { get; set; }
}
