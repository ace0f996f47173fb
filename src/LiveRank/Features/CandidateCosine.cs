using System.Numerics.Tensors;

namespace LiveRank.Features;

/// <summary>Cosine of every candidate's item vector with one unit query vector; 0 for candidates without a vector.</summary>
internal static class CandidateCosine
{
    public static void Fill(RankContext context, ReadOnlySpan<float> query, Span<float> column)
    {
        for (int c = 0; c < column.Length; c++)
        {
            var vector = context.CandidateVector(c);
            column[c] = vector.IsEmpty ? 0 : TensorPrimitives.Dot(vector, query);
        }
    }
}
