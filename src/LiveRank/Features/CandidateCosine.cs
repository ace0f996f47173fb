namespace LiveRank.Features;

/// <summary>Cosine of every candidate's item vector with one unit query vector; 0 for candidates without a vector.</summary>
internal static class CandidateCosine
{
    public static void Fill(RankContext context, ReadOnlySpan<float> query, Span<float> column)
    {
        var table = context.State.Semantic!.Items;
        var index = context.ItemIndex;
        for (int c = 0; c < column.Length; c++) column[c] = index[c] >= 0 ? table.Dot(index[c], query) : 0;
    }
}
