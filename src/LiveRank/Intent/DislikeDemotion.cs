using LiveRank.State;

namespace LiveRank.Intent;

/// <summary>
/// What a skip or a low rating in the current session means for the trained model's next ranking: candidates that
/// mean the same (LM cosine above <see cref="Floor"/> to a disliked item) move down, by a share of the list's score
/// spread that grows with the cosine. The heuristic needs no such step (its session profile and category affinity take
/// negative interest weights); the trained model learned from interactions only and never sees a skip.
/// </summary>
public static class DislikeDemotion
{
    /// <summary>Cosines at or below this push nothing down (unrelated films of the same catalog sit at .4–.5).</summary>
    public const float Floor = 0.5f;

    /// <summary>At most this many dislikes of the session count (the newest).</summary>
    public const int MaxDislikes = 8;

    [ThreadStatic] private static float[]? t_vectors;

    /// <summary>
    /// Lowers <paramref name="scores"/> of candidates similar to the session's dislikes: by spread × (cos − floor)/(1 − floor)
    /// for the closest disliked item, spread being max − min of the scores. Returns whether anything moved.
    /// </summary>
    public static bool Apply(LiveState state, ReadOnlySpan<RecentEvent> events, ReadOnlySpan<int> items, Span<float> scores)
    {
        if (state.Semantic is not { } semantic || scores.Length < 2) return false;
        var types = state.Types;
        var table = semantic.Items;
        int d = semantic.Dimension;
        var vectors = t_vectors is { } v && v.Length >= MaxDislikes * d ? v : t_vectors = new float[MaxDislikes * d];
        int count = 0;
        for (int i = events.Length - 1; i >= 0 && count < MaxDislikes; i--)
        {
            var e = events[i];
            if (types.InterestWeight(e.Type, e.Value) < 0 && table.TryCopy(e.ItemIndex, vectors.AsSpan(count * d, d))) count++;
            if (e.StartsSession) break; // the current session only
        }
        if (count == 0) return false;

        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float s in scores)
        {
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }
        float spread = max - min;
        if (!(spread > 0) || !float.IsFinite(spread)) return false;

        bool moved = false;
        for (int c = 0; c < items.Length; c++)
        {
            if (items[c] < 0 || !table.Has(items[c])) continue;
            float closest = Floor;
            for (int j = 0; j < count; j++) closest = Math.Max(closest, table.Dot(items[c], vectors.AsSpan(j * d, d)));
            if (closest <= Floor) continue;
            scores[c] -= spread * (closest - Floor) / (1 - Floor);
            moved = true;
        }
        return moved;
    }
}
