using System.Diagnostics.Metrics;

namespace LiveRank.Server.Observability;

/// <summary>
/// The instruments of the <c>LiveRank</c> meter that the server records into directly. Other parts of the server add
/// their own instruments to a meter of the same name (<see cref="MeterName"/>); the OpenTelemetry pipeline exports
/// every meter of that name on <c>/metrics</c>. Tags never carry user ids, item ids or payloads: only bounded
/// values (the endpoint, the outcome, an exception type).
/// </summary>
public sealed class LiveRankMetrics
{
    /// <summary>The meter every LiveRank instrument belongs to.</summary>
    public const string MeterName = "LiveRank";

    // Seconds, from 50 µs (an in-process rerank) to 2.5 s (a request stuck behind a GC or a busy core).
    private static readonly IReadOnlyList<double> RankBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    private readonly Histogram<double> _rankDuration;
    private readonly Counter<long> _storeErrors;

    public LiveRankMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _rankDuration = Meter.CreateHistogram("liverank.rank.duration", unit: "s",
            description: "Time to answer /v1/rerank and /v1/recommend, body parsing to response, by endpoint and outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RankBuckets });
        _storeErrors = Meter.CreateCounter<long>("liverank.store.errors", unit: "{error}",
            description: "Store operations that failed (an exception from the store reached a request, or a store reported one).");
    }

    /// <summary>The <c>LiveRank</c> meter, for instruments registered elsewhere in the server.</summary>
    public Meter Meter { get; }

    /// <summary>Records one rank request: <paramref name="endpoint"/> is <c>rerank</c> or <c>recommend</c>.</summary>
    public void RecordRank(string endpoint, string outcome, TimeSpan elapsed) =>
        _rankDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Counts one failed store operation; <paramref name="kind"/> is a short bounded name such as an exception type.</summary>
    public void RecordStoreError(string kind) => _storeErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
