using LiveRank.Domain;
using LiveRank.Scoring;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Text.Encoders;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// The library without a server: a <see cref="LiveState"/> (default options and event types), the production
/// <see cref="Reranker"/> with the default <see cref="HeuristicScorer"/>, and — when an encoder is given — the
/// semantic state whose item vectors the <see cref="ItemVectorIndexer"/> fills synchronously at upsert. Behaviour
/// narratives are not refreshed (the server does that in the background), so <c>narrative_similarity</c> reads 0.
/// Deterministic: the same calls give the same rankings.
/// </summary>
public sealed class InProcessRankingService : IRankingService
{
    private readonly Reranker _reranker;
    private readonly ItemVectorIndexer? _indexer;

    /// <param name="encoder">Null runs without the language model (the LM features read 0).</param>
    /// <param name="renderItem">The item text the encoder reads (the catalog's template); required with an encoder.</param>
    public InProcessRankingService(ITextEncoder? encoder = null, Func<Item, string>? renderItem = null, EmbeddingCache? cache = null)
    {
        SemanticState? semantic = null;
        if (encoder is not null)
        {
            if (renderItem is null) throw new ArgumentNullException(nameof(renderItem), "An encoder needs the item text template.");
            semantic = new SemanticState(new SemanticOptions(), encoder.ModelId, encoder.Dimension,
                cache ?? EmbeddingCache.None(encoder.ModelId, encoder.Dimension), renderItem);
        }
        State = new LiveState(new StateOptions(), EventTypeRegistry.Default, semantic);
        if (encoder is not null) _indexer = new ItemVectorIndexer(State, encoder);
        _reranker = new Reranker(State, new HeuristicScorer());
    }

    public string Kind => "in-process";

    public LiveState State { get; }

    public Task UpsertItemsAsync(IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items) State.UpsertItem(item);
        // Encoded before any event arrives, so every event folds a vector into its user's profiles at once.
        _indexer?.EncodeCatalog(cancellationToken: cancellationToken);
        return Task.CompletedTask;
    }

    public Task AppendEventsAsync(IReadOnlyList<UserEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var e in events) State.Apply(e);
        return Task.CompletedTask;
    }

    public Task<bool> WaitUntilReadyAsync(int items, TimeSpan timeout, Action<string>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(true);

    public Task<IReadOnlyList<string>> RankAsync(string userId, string? sessionId, IReadOnlyList<string> candidates,
        CancellationToken cancellationToken = default)
    {
        var list = new RankCandidate[candidates.Count];
        for (int i = 0; i < list.Length; i++) list[i] = new RankCandidate(candidates[i], 0);
        var result = _reranker.Rank(new RankRequest { UserId = userId, SessionId = sessionId, Candidates = list });
        IReadOnlyList<string> order = [.. result.Items.Select(i => i.Id)];
        return Task.FromResult(order);
    }

    public Task<bool> IsVisibleAsync(UserEvent e, CancellationToken cancellationToken = default)
    {
        var summary = State.Summarize(e.UserId);
        bool visible = summary is not null
            && summary.RecentEvents.Any(r => r.ItemId == e.ItemId && string.Equals(r.Type, e.Type, StringComparison.OrdinalIgnoreCase));
        return Task.FromResult(visible);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
