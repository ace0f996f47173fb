using LiveRank.Domain;
using LiveRank.Scoring;
using LiveRank.State;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>State, reranker and requests shared by the rerank benchmark and the rerank runner.</summary>
internal sealed class RerankFixture
{
    public static readonly EventStreamOptions DefaultStream = new() { Items = 20_000, Users = 10_000, EventsPerUser = 200 };

    private RerankFixture(EventStreamGenerator stream, LiveState state)
    {
        Stream = stream;
        State = state;
        Reranker = new Reranker(state, new HeuristicScorer());
    }

    public EventStreamGenerator Stream { get; }

    public LiveState State { get; }

    public Reranker Reranker { get; }

    public static RerankFixture Create(EventStreamOptions options, int seed = 1)
    {
        var stream = new EventStreamGenerator(seed, options);
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default);
        foreach (var item in CatalogMother.Items(options.Items, 20, seed)) state.UpsertItem(item);
        foreach (var e in stream.Interleaved()) state.Apply(e);
        return new RerankFixture(stream, state);
    }

    /// <summary>Requests for distinct known users (each holding <see cref="EventStreamOptions.EventsPerUser"/> events).</summary>
    public RankRequest[] WarmRequests(int count)
    {
        var requests = new RankRequest[count];
        int users = Stream.Options.Users;
        for (int i = 0; i < count; i++)
        {
            string user = EventStreamGenerator.UserId((int)((long)i * 7919 % users));
            requests[i] = RankRequestMother.Mixed(Stream, user, 100, seed: i + 1);
        }
        return requests;
    }

    public RankRequest[] ColdRequests(int count)
    {
        var requests = new RankRequest[count];
        for (int i = 0; i < count; i++) requests[i] = RankRequestMother.Mixed(Stream, "cold-" + i, 100, seed: i + 1);
        return requests;
    }
}
