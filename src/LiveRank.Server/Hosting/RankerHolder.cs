using LiveRank.Retrieval;
using LiveRank.Scoring;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>
/// The ranker in service. A request reads <see cref="Current"/> once and finishes on that ranker, whatever is swapped
/// in meanwhile; <see cref="Swap"/> replaces it in one reference exchange, so no request waits and none sees a
/// half-loaded model. Before any model file is loaded the heuristic <see cref="Reranker"/> serves.
/// </summary>
public sealed class RankerHolder(StoreHost store, IOptions<LiveRetrievalOptions> retrieval, TimeProvider clock, LearningHost? learning = null)
{
    private readonly Lock _create = new();
    private ServingRanker? _serving;
    private Reranker? _heuristic;

    /// <summary>The ranker to use for one request (through the online correction when <c>LiveRank:Learning</c> is on).</summary>
    public IRanker Current => learning is { Enabled: true } ? learning.Wrap(Serving.Ranker) : Serving.Ranker;

    /// <summary>The ranker in service with its origin.</summary>
    public ServingRanker Serving => Volatile.Read(ref _serving) ?? Initial();

    /// <summary>The built-in heuristic ranker over the store's state (available once the store is open).</summary>
    public Reranker Heuristic
    {
        get
        {
            if (Volatile.Read(ref _heuristic) is { } heuristic) return heuristic;
            lock (_create)
            {
                return _heuristic ??= new Reranker(store.Store.State, new HeuristicScorer(),
                    new LiveCandidateRetriever(store.Store.State, retrieval.Value, clock));
            }
        }
    }

    /// <summary>Puts <paramref name="next"/> in service; returns what served until now.</summary>
    public ServingRanker Swap(ServingRanker next)
    {
        var previous = Serving; // makes sure the heuristic is recorded as the first one in service
        while (true)
        {
            var exchanged = Interlocked.CompareExchange(ref _serving, next, previous);
            if (ReferenceEquals(exchanged, previous)) return previous;
            previous = exchanged!;
        }
    }

    private ServingRanker Initial()
    {
        var heuristic = new ServingRanker(Heuristic, null, clock.GetUtcNow());
        return Interlocked.CompareExchange(ref _serving, heuristic, null) ?? heuristic;
    }
}
