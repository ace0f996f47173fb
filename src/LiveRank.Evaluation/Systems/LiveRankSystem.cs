using LiveRank.Domain;
using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Text.Encoders;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// LiveRank itself as a system under test, in-process: a <see cref="LiveState"/> fed the split's training events in
/// timestamp order (as <c>rating</c> events with their values, exactly what <c>liverank import</c> sends), items
/// upserted with their text and encoded through the same indexer and vector cache the server uses, then the
/// production <see cref="Reranker"/> orders each candidate list. Candidates carry equal upstream scores, so the
/// upstream term is neutral: a sampled list has no upstream order worth keeping.
/// </summary>
public sealed class LiveRankSystem : ICandidateScorer
{
    private readonly LeaveOneOutSplit _split;
    private readonly Reranker _reranker;
    private readonly RankCandidate[] _buffer = new RankCandidate[RankRequest.MaxCandidates];

    private LiveRankSystem(string name, LeaveOneOutSplit split, LiveState state, HeuristicWeights weights)
    {
        Name = name;
        _split = split;
        State = state;
        _reranker = new Reranker(state, new HeuristicScorer(weights));
    }

    public string Name { get; }

    public LiveState State { get; }

    /// <summary>
    /// Builds the state from each user's first <c>length − holdout</c> interactions (holdout 1 = train + validation,
    /// 2 = train only), leaving out events of items <paramref name="excludeItem"/> names (P4's cold items, which
    /// still enter the catalog with their text). <paramref name="encoder"/> null runs without the language model.
    /// </summary>
    public static LiveRankSystem Build(string name, LeaveOneOutSplit split, LiveRankData data, int holdout, HeuristicWeights weights,
        ITextEncoder? encoder, Func<Item, string> renderItem, EmbeddingCache? cache,
        Func<LiveState, Func<string, string>>? narratorFor = null, IProgress<string>? progress = null, SemanticOptions? semanticOptions = null,
        Func<int, bool>? excludeItem = null)
    {
        SemanticState? semantic = null;
        if (encoder is not null)
        {
            semantic = new SemanticState(semanticOptions ?? new SemanticOptions(), encoder.ModelId, encoder.Dimension,
                cache ?? EmbeddingCache.None(encoder.ModelId, encoder.Dimension), renderItem);
        }
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default, semantic);

        foreach (string itemId in split.ItemIds)
        {
            if (data.Items.TryGetValue(itemId, out var item)) state.UpsertItem(item);
        }
        ItemVectorIndexer? indexer = null;
        if (encoder is not null)
        {
            indexer = new ItemVectorIndexer(state, encoder);
            progress?.Report($"{name}: encoding {split.ItemCount:N0} item texts (cached after the first run)…");
            indexer.EncodeCatalog();
        }

        // The training events of every user, replayed in global time order like a live stream.
        var allowed = new HashSet<(string User, string Item)>();
        for (int user = 0; user < split.UserCount; user++)
        {
            var sequence = split.Sequences[user];
            int keep = split.HasHoldout(user) ? sequence.Length - holdout : sequence.Length;
            for (int i = 0; i < keep; i++)
            {
                if (excludeItem is null || !excludeItem(sequence[i])) allowed.Add((split.UserIds[user], split.ItemIds[sequence[i]]));
            }
        }
        foreach (var e in data.Events)
        {
            if (allowed.Contains((e.UserId, e.ItemId))) state.Apply(e);
        }

        if (encoder is not null && narratorFor is not null)
        {
            var refresher = new NarrativeRefresher(state, encoder, narratorFor(state));
            foreach (string userId in split.UserIds) refresher.MarkDue(userId);
            progress?.Report($"{name}: encoding {split.UserCount:N0} behaviour narratives…");
            refresher.RefreshDue();
        }
        return new LiveRankSystem(name, split, state, weights);
    }

    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores)
    {
        var list = new RankCandidate[candidates.Length];
        for (int i = 0; i < candidates.Length; i++) list[i] = new RankCandidate(_split.ItemIds[candidates[i]], 0);
        var result = _reranker.Rank(new RankRequest { UserId = _split.UserIds[user], Candidates = list });
        var byId = new Dictionary<string, float>(result.Items.Count, StringComparer.Ordinal);
        foreach (var ranked in result.Items) byId[ranked.Id] = ranked.Score;
        for (int i = 0; i < candidates.Length; i++) scores[i] = byId[list[i].Id];
    }
}
