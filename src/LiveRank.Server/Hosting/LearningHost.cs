using LiveRank.Domain;
using LiveRank.Learning;
using LiveRank.Scoring;
using Microsoft.Extensions.Options;

namespace LiveRank.Server.Hosting;

/// <summary>
/// The optional online correction (<see cref="FeedbackLearner"/>, <c>LiveRank:Learning:Enabled</c>): when on, rankings go
/// through it and ingested events that cite a request id teach it. When off, nothing here runs on any request.
/// </summary>
public sealed class LearningHost(IOptions<OnlineLearningOptions> options, StoreHost store)
{
    private readonly Lock _create = new();
    private FeedbackLearner? _learner;

    public bool Enabled { get; } = options.Value.Enabled;

    /// <summary>The learner (created once the store is open, with its event types); null when learning is off.</summary>
    public FeedbackLearner? Learner
    {
        get
        {
            if (!Enabled) return null;
            if (Volatile.Read(ref _learner) is { } learner) return learner;
            lock (_create) return _learner ??= new FeedbackLearner(options.Value, store.Store.State.Types);
        }
    }

    /// <summary><paramref name="ranker"/> as the endpoints should use it: through the learner when learning is on.</summary>
    public IRanker Wrap(IRanker ranker) => Learner is { } learner ? new CorrectedRanker(learner, ranker) : ranker;

    /// <summary>Hands accepted events to the learner (those without a request id are skipped at once).</summary>
    public void Observe(IReadOnlyList<UserEvent> events)
    {
        if (Learner is not { } learner) return;
        foreach (var e in events)
            if (e.RequestId is not null) learner.Observe(e);
    }

    private sealed class CorrectedRanker(FeedbackLearner learner, IRanker inner) : IRanker
    {
        public string Model => inner.Model;
        public RankResult Rank(RankRequest request) => learner.Rank(inner, request);
        public RankResult Recommend(RecommendRequest request) => learner.Recommend(inner, request);
    }
}
