using LiveRank.State;

namespace LiveRank.Intent;

/// <summary>
/// What a purchase means for the next rankings: the user has the item now, so it and its near-duplicates (a sequel,
/// another edition: LM cosine ≥ <see cref="StateOptions.NearDuplicateSimilarity"/>) go to the bottom, for
/// <see cref="StateOptions.PurchaseDemotion"/> after the purchase by the stream clock. Shared by the heuristic's
/// <c>purchased</c> feature and the trained model's ranker, so both demote the same candidates. Allocation-free.
/// </summary>
public static class PurchaseDemotion
{
    /// <summary>At most this many recent purchases are compared with the candidates (the newest ones).</summary>
    public const int MaxPurchases = 16;

    /// <summary>
    /// A near-duplicate's demotion, as a share of the bought item's (1): half the penalty still puts it below every
    /// unbought candidate, and the bought item itself always ranks below its near-duplicates.
    /// </summary>
    public const float NearDuplicateShare = 0.5f;

    [ThreadStatic] private static float[]? t_vectors;

    /// <summary>
    /// Writes 1 for each bought candidate, <see cref="NearDuplicateShare"/> for each near-duplicate of one, else 0.
    /// <paramref name="events"/> are the user's recent events (oldest first) with their <paramref name="baseMinute"/>;
    /// <paramref name="items"/> the candidates' item indices (−1 unknown).
    /// Returns whether any candidate is demoted.
    /// </summary>
    public static bool Fill(LiveState state, ReadOnlySpan<RecentEvent> events, uint baseMinute, uint now, ReadOnlySpan<int> items, Span<float> column)
    {
        column.Clear();
        var types = state.Types;
        long period = (long)state.Options.PurchaseDemotion.TotalSeconds;
        Span<int> bought = stackalloc int[MaxPurchases];
        int count = 0;
        for (int i = events.Length - 1; i >= 0 && count < MaxPurchases; i--)
        {
            var e = events[i];
            if (!types.IsPurchase(e.Type) || bought[..count].Contains(e.ItemIndex)) continue;
            // Ring times are minute-resolution: a purchase within the period's last minute still counts.
            if (now - e.UnixSeconds(baseMinute) > period) continue;
            bought[count++] = e.ItemIndex;
        }
        if (count == 0) return false;

        bool any = false;
        for (int c = 0; c < items.Length; c++)
        {
            if (items[c] >= 0 && bought[..count].Contains(items[c]))
            {
                column[c] = 1;
                any = true;
            }
        }

        float threshold = (float)state.Options.NearDuplicateSimilarity;
        if (state.Semantic is not { } semantic || threshold >= 1) return any;
        var table = semantic.Items;
        int d = semantic.Dimension;
        var vectors = t_vectors is { } v && v.Length >= MaxPurchases * d ? v : t_vectors = new float[MaxPurchases * d];
        int withVector = 0;
        for (int j = 0; j < count; j++)
            if (table.TryCopy(bought[j], vectors.AsSpan(withVector * d, d))) withVector++;
        for (int c = 0; c < items.Length; c++)
        {
            if (column[c] != 0 || items[c] < 0 || !table.Has(items[c])) continue;
            for (int j = 0; j < withVector; j++)
            {
                if (table.Dot(items[c], vectors.AsSpan(j * d, d)) >= threshold)
                {
                    column[c] = NearDuplicateShare;
                    any = true;
                    break;
                }
            }
        }
        return any;
    }
}
