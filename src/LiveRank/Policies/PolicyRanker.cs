using LiveRank.Domain;
using LiveRank.Explanations;
using LiveRank.Scoring;
using LiveRank.State;

namespace LiveRank.Policies;

/// <summary>
/// Ranks through any <see cref="IRanker"/> and then applies a <see cref="RankingPolicy"/> (the configured one merged
/// with the request's) and, when asked to explain, adds the nearest items of the user's history to each item's
/// explanation. Without a policy and without explain it returns the ranker's answer untouched (the hot path pays
/// nothing). With one, the ranker orders every candidate (rerank) or a wider retrieved set (recommend) so that filtered
/// items leave room for others, and the answer is cut to the limit after the policy. Scores are the ranker's plus
/// boosts; after diversity, caps and pins ranks need not follow scores. Thread-safe.
/// </summary>
public sealed class PolicyRanker(LiveState state, RankingPolicy configured, TimeProvider clock)
{
    /// <summary>Recommend asks the ranker for this many times the limit (at least 100) so filters leave enough items.</summary>
    public const int RecommendWidening = 4;

    public RankingPolicy Configured { get; } = configured;

    public RankResult Rank(IRanker ranker, RankRequest request, RankingPolicy? requested = null)
    {
        var policy = Configured.Merge(requested);
        if (policy.IsEmpty)
        {
            var plain = ranker.Rank(request);
            return request.Explain ? WithHistory(plain, request.UserId) : plain;
        }
        var ranked = ranker.Rank(request with { Limit = null });
        int limit = request.Limit ?? request.Candidates.Count;
        return Apply(ranked, request.UserId, policy, limit, request.Explain, missingPins: null);
    }

    public RankResult Recommend(IRanker ranker, RecommendRequest request, RankingPolicy? requested = null)
    {
        var policy = Configured.Merge(requested);
        if (policy.IsEmpty)
        {
            var plain = ranker.Recommend(request);
            return request.Explain ? WithHistory(plain, request.UserId) : plain;
        }
        int wider = Math.Min(RecommendRequest.MaxLimit, Math.Max(100, request.Limit * RecommendWidening));
        var ranked = ranker.Recommend(request with { Limit = Math.Max(wider, request.Limit) });
        // A pinned catalog item the retrievers did not propose is scored for this user on its own and then pinned.
        RankResult? missingPins = null;
        if (policy.Pins.Count > 0)
        {
            var missing = new List<RankCandidate>();
            foreach (var pin in policy.Pins)
            {
                if (state.GetItem(pin.ItemId) is null) continue;
                bool present = false;
                foreach (var item in ranked.Items) present |= item.Id == pin.ItemId;
                if (!present) missing.Add(new RankCandidate(pin.ItemId));
            }
            if (missing.Count > 0)
                missingPins = ranker.Rank(new RankRequest { UserId = request.UserId, SessionId = request.SessionId, Candidates = missing, Explain = request.Explain });
        }
        return Apply(ranked, request.UserId, policy, request.Limit, request.Explain, missingPins);
    }

    /// <summary>Runs the policy steps over a ranked list (exposed for tests and offline use).</summary>
    public RankResult Apply(RankResult ranked, string userId, RankingPolicy policy, int limit, bool explain, RankResult? missingPins)
    {
        var entries = new List<PolicyEntry>(ranked.Items.Count + (missingPins?.Items.Count ?? 0));
        foreach (var item in ranked.Items) entries.Add(Entry(item));
        DateTimeOffset? seenSince = policy.ExcludeSeenWithin is { } window ? Since(clock.GetUtcNow(), window) : null;
        var exposure = policy.ExcludePurchased || seenSince is not null ? UserExposure.Read(state, userId, seenSince) : UserExposure.Empty;

        CandidateFilter.Apply(entries, policy, exposure);
        ScoreAdjuster.Apply(entries, policy);
        if (policy.Diversity is double lambda) MmrDiversifier.Apply(entries, lambda, state.Semantic?.Items, limit);
        if (policy.Caps.Count > 0) ExposureCapper.Apply(entries, policy.Caps, limit);
        if (missingPins is not null)
        {
            // Appended after the other steps so that only the pin step places them; filters still apply to them.
            foreach (var item in missingPins.Items)
            {
                var entry = Entry(item);
                if (!CandidateFilter.Excluded(entry, policy, exposure)) entries.Add(entry);
            }
        }
        PinPlacer.Apply(entries, policy.Pins);

        int count = Math.Clamp(limit, 0, entries.Count);
        var history = explain ? new HistoryExplainer(state, userId) : null;
        var items = new RankedItem[count];
        for (int i = 0; i < count; i++)
        {
            var e = entries[i];
            var item = e.Ranked with { Score = e.Score, Rank = i + 1 };
            items[i] = history is null ? item : WithHistory(item, e.ItemIndex, history);
        }
        return ranked with { Items = items };
    }

    // A window reaching before year 1 means "ever".
    private static DateTimeOffset Since(DateTimeOffset now, TimeSpan window) =>
        window >= now - DateTimeOffset.MinValue ? DateTimeOffset.MinValue : now - window;

    private PolicyEntry Entry(RankedItem item)
    {
        int index = state.ItemIds.TryGet(item.Id, out int i) ? i : -1;
        return new PolicyEntry(item, state.GetItem(item.Id), index, item.Score);
    }

    private RankResult WithHistory(RankResult result, string userId)
    {
        var history = new HistoryExplainer(state, userId);
        var items = new RankedItem[result.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var item = result.Items[i];
            items[i] = WithHistory(item, state.ItemIds.TryGet(item.Id, out int index) ? index : -1, history);
        }
        return result with { Items = items };
    }

    private static RankedItem WithHistory(RankedItem item, int itemIndex, HistoryExplainer history)
    {
        var explanation = item.Explanation ?? new ItemExplanation([]);
        return item with { Explanation = explanation with { SimilarTo = history.Explain(itemIndex) } };
    }
}
