using System.ComponentModel.DataAnnotations;

namespace LiveRank.Server.Options;

/// <summary>Request limits of the HTTP API. Section <c>LiveRank:Api</c>.</summary>
public sealed class ApiOptions
{
    /// <summary>Most items or events in one batch call.</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 10_000;

    /// <summary>Largest request body accepted (bytes).</summary>
    [Range(1024, 1L << 31)]
    public long MaxRequestBodyBytes { get; set; } = 64L << 20;

    /// <summary>Event timestamps later than now plus this are rejected (clock skew allowance).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest an item upsert with <c>"wait": true</c> waits for the items' LM vectors.</summary>
    public TimeSpan MaxVectorWait { get; set; } = TimeSpan.FromSeconds(30);
}
