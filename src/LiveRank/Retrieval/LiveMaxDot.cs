using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveRank.Retrieval;

/// <summary>
/// The highest dot product of one row with several queries, the inner loop of the LM neighbour pass. Queries go three
/// (or two) at a time through one pass over the row: each row load feeds three multiply-adds instead of one.
/// Measured on the 10k × 384 pass with three queries: 1.47 ms against 1.80 ms for three <see cref="TensorPrimitives.Dot"/>
/// calls (10th percentiles of 400 alternating passes on the shared 2-core machine). Checked against a scalar reference
/// in the tests.
/// </summary>
internal static class LiveMaxDot
{
    /// <summary>max over j &lt; <paramref name="count"/> of row · queries[j·d, (j+1)·d), d = row length; −∞ for no query.</summary>
    public static float Compute(ReadOnlySpan<float> row, ReadOnlySpan<float> queries, int count)
    {
        int d = row.Length;
        if (queries.Length < count * d) throw new ArgumentException("Fewer query floats than count × row length.", nameof(queries));
        float best = float.NegativeInfinity;
        int j = 0;
        if (Vector256.IsHardwareAccelerated && d >= Vector256<float>.Count)
        {
            ref float r = ref MemoryMarshal.GetReference(row);
            ref float q = ref MemoryMarshal.GetReference(queries);
            for (; j + 3 <= count; j += 3)
                best = Math.Max(best, Three(ref r, ref Unsafe.Add(ref q, j * d), ref Unsafe.Add(ref q, (j + 1) * d), ref Unsafe.Add(ref q, (j + 2) * d), d));
            if (j + 2 <= count)
            {
                best = Math.Max(best, Three(ref r, ref Unsafe.Add(ref q, j * d), ref Unsafe.Add(ref q, (j + 1) * d), ref Unsafe.Add(ref q, j * d), d));
                j += 2;
            }
        }
        for (; j < count; j++) best = Math.Max(best, TensorPrimitives.Dot(row, queries.Slice(j * d, d)));
        return best;
    }

    /// <summary>max(r·a, r·b, r·c) over <paramref name="d"/> floats; the caller has checked every span holds d.</summary>
    private static float Three(ref float r, ref float a, ref float b, ref float c, int d)
    {
        var sa = Vector256<float>.Zero;
        var sb = Vector256<float>.Zero;
        var sc = Vector256<float>.Zero;
        int k = 0;
        for (; k <= d - Vector256<float>.Count; k += Vector256<float>.Count)
        {
            var x = Vector256.LoadUnsafe(ref r, (nuint)k);
            sa = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref a, (nuint)k), sa);
            sb = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref b, (nuint)k), sb);
            sc = Vector256.MultiplyAddEstimate(x, Vector256.LoadUnsafe(ref c, (nuint)k), sc);
        }
        float ta = Vector256.Sum(sa), tb = Vector256.Sum(sb), tc = Vector256.Sum(sc);
        for (; k < d; k++)
        {
            float x = Unsafe.Add(ref r, k);
            ta += x * Unsafe.Add(ref a, k);
            tb += x * Unsafe.Add(ref b, k);
            tc += x * Unsafe.Add(ref c, k);
        }
        return Math.Max(ta, Math.Max(tb, tc));
    }
}
