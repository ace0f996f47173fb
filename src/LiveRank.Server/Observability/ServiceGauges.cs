using System.Diagnostics.Metrics;
using LiveRank.Semantics;
using LiveRank.Server.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Observability;

/// <summary>
/// Observable instruments read from the server's state at scrape time, so nothing on the request or ingest path pays
/// for them: events ingested (the store's count, whatever path the events came by), the encoder's queue, the model
/// in service and whether the server runs degraded.
/// </summary>
public sealed class ServiceGauges
{
    private readonly StoreHost _store;
    private readonly SemanticHost _semantic;
    private readonly RankerHolder _rankers;
    private readonly bool _semanticConfigured;

    public ServiceGauges(LiveRankMetrics metrics, StoreHost store, SemanticHost semantic, RankerHolder rankers, IOptions<SemanticOptions> semanticOptions)
    {
        _store = store;
        _semantic = semantic;
        _rankers = rankers;
        _semanticConfigured = semanticOptions.Value.Enabled;
        var meter = metrics.Meter;
        meter.CreateObservableCounter("liverank.events.ingested", ObserveEvents, unit: "{event}",
            description: "Events appended to the store since it was created (every ingestion path); rate() gives events/s.");
        meter.CreateObservableGauge("liverank.encoder.queue", ObserveQueue, unit: "{item}",
            description: "Items and narratives waiting for the background language-model encoder.");
        meter.CreateObservableGauge("liverank.model.info", ObserveModel, unit: "{model}",
            description: "1 for the ranking model in service; the model label names it and its version.");
        meter.CreateObservableGauge("liverank.degraded", ObserveDegraded, unit: "{reason}",
            description: "1 while the server serves in a degraded mode, by reason (store_opening, encoder_unavailable); 0 otherwise.");
    }

    private IEnumerable<Measurement<long>> ObserveEvents()
    {
        if (_store.IsReady) yield return new Measurement<long>(_store.Store.Statistics.EventsLogged);
    }

    private int ObserveQueue() => _semantic.State?.QueueLength ?? 0;

    private IEnumerable<Measurement<int>> ObserveModel()
    {
        // The heuristic needs the open store; before that no model serves.
        if (_store.IsReady) yield return new Measurement<int>(1, new KeyValuePair<string, object?>("model", _rankers.Serving.Model));
    }

    private IEnumerable<Measurement<int>> ObserveDegraded()
    {
        yield return Reason("store_opening", !_store.IsReady);
        // The language model was configured but its encoder could not be loaded: rankings run without LM features.
        yield return Reason("encoder_unavailable", _store.IsReady && _semanticConfigured && _semantic.State is null);
    }

    private static Measurement<int> Reason(string reason, bool active) =>
        new(active ? 1 : 0, new KeyValuePair<string, object?>("reason", reason));
}
