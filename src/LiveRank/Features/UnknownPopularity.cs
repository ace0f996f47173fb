namespace LiveRank.Features;

/// <summary>
/// Popularity of an item nobody has interacted with yet is unknown, not zero: such a candidate takes the median of
/// the other candidates' values, so a new item competes on what it means to the user (its LM similarities, its
/// categories) instead of losing to any item that has one click. Measured on P4 (cold items) and P2 in docs/scoring.md.
/// </summary>
internal static class UnknownPopularity
{
    /// <summary>True when the candidate's item exists but has no popularity-weighted interaction (or is unknown).</summary>
    public static bool IsUnseen(RankContext context, int candidate)
    {
        int i = context.ItemIndex[candidate];
        var items = context.State.Items;
        return (uint)i >= (uint)items.Length || items[i].AllTime == 0;
    }

    /// <summary>Replaces the values of unseen candidates by the median of the seen ones (left alone when none is seen).</summary>
    public static void ImputeMedian(RankContext context, Span<float> column)
    {
        Span<float> seen = column.Length <= 1024 ? stackalloc float[column.Length] : new float[column.Length];
        int count = 0, unseen = 0;
        for (int c = 0; c < column.Length; c++)
        {
            if (IsUnseen(context, c)) unseen++;
            else seen[count++] = column[c];
        }
        if (unseen == 0 || count == 0) return;
        var known = seen[..count];
        known.Sort();
        float median = count % 2 == 1 ? known[count / 2] : 0.5f * (known[count / 2 - 1] + known[count / 2]);
        for (int c = 0; c < column.Length; c++)
        {
            if (IsUnseen(context, c)) column[c] = median;
        }
    }
}
