using LiveRank.Domain;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Testing;
using LiveRank.Text;

namespace LiveRank.Benchmarks;

/// <summary>State, reranker and requests shared by the rerank benchmark and the rerank runner.</summary>
internal sealed class RerankFixture
{
    public static readonly EventStreamOptions DefaultStream = new() { Items = 20_000, Users = 10_000, EventsPerUser = 200 };

    /// <summary>The recommend benchmarks' catalog: 10k items (each LM neighbour search scans all of them), 5k users × 200 events.</summary>
    public static readonly EventStreamOptions RecommendStream = new() { Items = 10_000, Users = 5_000, EventsPerUser = 200 };

    private RerankFixture(EventStreamGenerator stream, LiveState state, bool semantic)
    {
        Stream = stream;
        State = state;
        Reranker = new Reranker(state, new HeuristicScorer(semantic ? HeuristicWeights.Default : HeuristicWeights.WithoutLanguageModel));
    }

    public EventStreamGenerator Stream { get; }

    public LiveState State { get; }

    public Reranker Reranker { get; }

    /// <param name="semantic">
    /// With the language-model part: every item gets a random 384-d unit vector (what a request costs does not depend
    /// on the values, and encoding 20,000 synthetic titles would only slow the setup), profiles build from the events,
    /// and the scorer is the default one with its four LM similarity terms.
    /// </param>
    public static RerankFixture Create(EventStreamOptions options, int seed = 1, bool semantic = true, VectorPrecision precision = VectorPrecision.Float32)
    {
        var stream = new EventStreamGenerator(seed, options);
        SemanticState? semanticState = semantic
            ? new SemanticState(new SemanticOptions { Precision = precision, QueueCapacity = 1 }, "random-384", 384, EmbeddingCache.None("random-384", 384), ItemTemplate.Generic.Render)
            : null;
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default, semanticState);
        foreach (var item in CatalogMother.Items(options.Items, 20, seed)) state.UpsertItem(item);
        if (semanticState is not null)
        {
            var random = new Random(seed);
            var vector = new float[384];
            for (int i = 0; i < state.ItemCount; i++)
            {
                for (int d = 0; d < vector.Length; d++) vector[d] = (float)(random.NextDouble() * 2 - 1);
                float norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
                System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
                semanticState.Items.Set(i, vector, (ulong)i + 1);
            }
        }
        foreach (var e in stream.Interleaved()) state.Apply(e);
        return new RerankFixture(stream, state, semantic);
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

    /// <summary>Recommendations (default limit 10) for distinct known users, or for users the state never saw.</summary>
    public RecommendRequest[] RecommendRequests(int count, bool cold = false)
    {
        var requests = new RecommendRequest[count];
        int users = Stream.Options.Users;
        for (int i = 0; i < count; i++)
        {
            string user = cold ? "cold-" + i : EventStreamGenerator.UserId((int)((long)i * 7919 % users));
            requests[i] = new RecommendRequest { UserId = user };
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
