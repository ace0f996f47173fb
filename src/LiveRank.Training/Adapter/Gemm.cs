using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LiveRank.Training.Adapter;

/// <summary>
/// The two matrix products training needs, register-blocked on <see cref="Vector{T}"/>: a batch step is up to ten
/// products of a few hundred rows, and as separate dot-product and axpy calls each output would be loaded and stored
/// once per inner step; here it stays in a register for the whole step. Both work on a band of output rows, so a caller
/// can split a product over threads; every output element is summed by one call in a fixed order, so the result
/// does not depend on how rows are split. Spans are checked once on entry; the kernels index without checks.
/// </summary>
internal static class Gemm
{
    /// <summary>
    /// C[i, j] (+)= Σ_p X[i, p]·Y[j, p] for rows i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>) and
    /// j &lt; <paramref name="n"/>: X is ? × k, Y is n × k (both row-major with row length k), C has row stride
    /// <paramref name="cStride"/> (≥ n).
    /// </summary>
    public static void MultiplyTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> c, int n, int k, int cStride,
        int rowStart, int rowEnd, bool accumulate)
    {
        if (rowStart >= rowEnd || n == 0) return;
        if (x.Length < (long)rowEnd * k || y.Length < (long)n * k || c.Length < (long)(rowEnd - 1) * cStride + n || cStride < n)
            throw new ArgumentException("The matrices are smaller than the shapes given.");
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float cs = ref MemoryMarshal.GetReference(c);
        int i = rowStart;
        for (; i + 4 <= rowEnd; i += 4)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4) Dot4x4(ref Unsafe.Add(ref xs, i * k), ref Unsafe.Add(ref ys, j * k), k, ref Unsafe.Add(ref cs, i * cStride + j), cStride, accumulate);
            // A leftover column j: its Y row against the four X rows, written down a column of C.
            for (; j < n; j++) Dot1x4(ref Unsafe.Add(ref ys, j * k), ref Unsafe.Add(ref xs, i * k), k, ref Unsafe.Add(ref cs, i * cStride + j), cStride, accumulate);
        }
        for (; i < rowEnd; i++)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4) Dot1x4(ref Unsafe.Add(ref xs, i * k), ref Unsafe.Add(ref ys, j * k), k, ref Unsafe.Add(ref cs, i * cStride + j), 1, accumulate);
            for (; j < n; j++)
            {
                float dot = TensorPrimitives.Dot(x.Slice(i * k, k), y.Slice(j * k, k));
                ref float target = ref Unsafe.Add(ref cs, i * cStride + j);
                target = accumulate ? target + dot : dot;
            }
        }
    }

    /// <summary>
    /// C[i, :] (+)= Σ_p X(i, p)·Y[p, :] for rows i in [<paramref name="rowStart"/>, <paramref name="rowEnd"/>):
    /// X(i, p) = x[i·<paramref name="xRowStride"/> + p·<paramref name="xColumnStride"/>] (so X or Xᵀ may be stored),
    /// Y is k × n row-major, C is ? × n row-major.
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> x, int xRowStride, int xColumnStride, ReadOnlySpan<float> y, Span<float> c, int n, int k,
        int rowStart, int rowEnd, bool accumulate)
    {
        if (rowStart >= rowEnd || n == 0) return;
        if (k > 0 && x.Length <= (long)(rowEnd - 1) * xRowStride + (long)(k - 1) * xColumnStride || y.Length < (long)k * n || c.Length < (long)rowEnd * n)
            throw new ArgumentException("The matrices are smaller than the shapes given.");
        int v = Vector<float>.Count;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float cs = ref MemoryMarshal.GetReference(c);
        int i = rowStart;
        for (; i + 4 <= rowEnd; i += 4)
        {
            int j = 0;
            for (; j + 4 * v <= n; j += 4 * v) Axpy4x4(ref Unsafe.Add(ref xs, i * xRowStride), xRowStride, xColumnStride, ref Unsafe.Add(ref ys, j), n, k, ref Unsafe.Add(ref cs, i * n + j), accumulate);
            for (; j + v <= n; j += v) Axpy4x1(ref Unsafe.Add(ref xs, i * xRowStride), xRowStride, xColumnStride, ref Unsafe.Add(ref ys, j), n, k, ref Unsafe.Add(ref cs, i * n + j), accumulate);
            for (int row = i; row < i + 4; row++) AxpyScalar(ref xs, row, xRowStride, xColumnStride, ref ys, n, k, j, ref cs, accumulate);
        }
        for (; i < rowEnd; i++)
        {
            int j = 0;
            for (; j + v <= n; j += v) Axpy1x1(ref Unsafe.Add(ref xs, i * xRowStride), xColumnStride, ref Unsafe.Add(ref ys, j), n, k, ref Unsafe.Add(ref cs, i * n + j), accumulate);
            AxpyScalar(ref xs, i, xRowStride, xColumnStride, ref ys, n, k, j, ref cs, accumulate);
        }
    }

    private static void Dot4x4(ref float x, ref float y, int k, ref float c, int cStride, bool accumulate)
    {
        var a00 = Vector<float>.Zero; var a01 = Vector<float>.Zero; var a02 = Vector<float>.Zero; var a03 = Vector<float>.Zero;
        var a10 = Vector<float>.Zero; var a11 = Vector<float>.Zero; var a12 = Vector<float>.Zero; var a13 = Vector<float>.Zero;
        var a20 = Vector<float>.Zero; var a21 = Vector<float>.Zero; var a22 = Vector<float>.Zero; var a23 = Vector<float>.Zero;
        var a30 = Vector<float>.Zero; var a31 = Vector<float>.Zero; var a32 = Vector<float>.Zero; var a33 = Vector<float>.Zero;
        int v = Vector<float>.Count;
        nuint k1 = (nuint)k, k2 = 2 * (nuint)k, k3 = 3 * (nuint)k;
        int p = 0;
        for (; p + v <= k; p += v)
        {
            nuint o = (nuint)p;
            var x0 = Vector.LoadUnsafe(ref x, o);
            var x1 = Vector.LoadUnsafe(ref x, o + k1);
            var x2 = Vector.LoadUnsafe(ref x, o + k2);
            var x3 = Vector.LoadUnsafe(ref x, o + k3);
            var y0 = Vector.LoadUnsafe(ref y, o);
            var y1 = Vector.LoadUnsafe(ref y, o + k1);
            var y2 = Vector.LoadUnsafe(ref y, o + k2);
            var y3 = Vector.LoadUnsafe(ref y, o + k3);
            a00 = Vector.FusedMultiplyAdd(x0, y0, a00); a01 = Vector.FusedMultiplyAdd(x0, y1, a01); a02 = Vector.FusedMultiplyAdd(x0, y2, a02); a03 = Vector.FusedMultiplyAdd(x0, y3, a03);
            a10 = Vector.FusedMultiplyAdd(x1, y0, a10); a11 = Vector.FusedMultiplyAdd(x1, y1, a11); a12 = Vector.FusedMultiplyAdd(x1, y2, a12); a13 = Vector.FusedMultiplyAdd(x1, y3, a13);
            a20 = Vector.FusedMultiplyAdd(x2, y0, a20); a21 = Vector.FusedMultiplyAdd(x2, y1, a21); a22 = Vector.FusedMultiplyAdd(x2, y2, a22); a23 = Vector.FusedMultiplyAdd(x2, y3, a23);
            a30 = Vector.FusedMultiplyAdd(x3, y0, a30); a31 = Vector.FusedMultiplyAdd(x3, y1, a31); a32 = Vector.FusedMultiplyAdd(x3, y2, a32); a33 = Vector.FusedMultiplyAdd(x3, y3, a33);
        }
        Span<float> sums =
        [
            Vector.Sum(a00), Vector.Sum(a01), Vector.Sum(a02), Vector.Sum(a03),
            Vector.Sum(a10), Vector.Sum(a11), Vector.Sum(a12), Vector.Sum(a13),
            Vector.Sum(a20), Vector.Sum(a21), Vector.Sum(a22), Vector.Sum(a23),
            Vector.Sum(a30), Vector.Sum(a31), Vector.Sum(a32), Vector.Sum(a33),
        ];
        for (int r = 0; r < 4; r++)
        {
            for (int s = 0; s < 4; s++)
            {
                float sum = sums[r * 4 + s];
                for (int q = p; q < k; q++) sum += Unsafe.Add(ref x, r * k + q) * Unsafe.Add(ref y, s * k + q);
                ref float target = ref Unsafe.Add(ref c, r * cStride + s);
                target = accumulate ? target + sum : sum;
            }
        }
    }

    /// <summary>One row a against four rows b₀…b₃ (each k long, stride k); results at c, c + stride, c + 2·stride, c + 3·stride.</summary>
    private static void Dot1x4(ref float a, ref float b, int k, ref float c, int stride, bool accumulate)
    {
        var s0 = Vector<float>.Zero; var s1 = Vector<float>.Zero; var s2 = Vector<float>.Zero; var s3 = Vector<float>.Zero;
        int v = Vector<float>.Count;
        nuint k1 = (nuint)k, k2 = 2 * (nuint)k, k3 = 3 * (nuint)k;
        int p = 0;
        for (; p + v <= k; p += v)
        {
            nuint o = (nuint)p;
            var x = Vector.LoadUnsafe(ref a, o);
            s0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref b, o), s0);
            s1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref b, o + k1), s1);
            s2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref b, o + k2), s2);
            s3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref b, o + k3), s3);
        }
        Span<float> sums = [Vector.Sum(s0), Vector.Sum(s1), Vector.Sum(s2), Vector.Sum(s3)];
        for (int s = 0; s < 4; s++)
        {
            float sum = sums[s];
            for (int q = p; q < k; q++) sum += Unsafe.Add(ref a, q) * Unsafe.Add(ref b, s * k + q);
            ref float target = ref Unsafe.Add(ref c, s * stride);
            target = accumulate ? target + sum : sum;
        }
    }

    /// <summary>Four output rows × four vectors of columns, accumulated in registers over all k.</summary>
    private static void Axpy4x4(ref float x, int xRow, int xColumn, ref float y, int n, int k, ref float c, bool accumulate)
    {
        int v = Vector<float>.Count;
        nuint n1 = (nuint)n, n2 = 2 * (nuint)n, n3 = 3 * (nuint)n, v1 = (nuint)v, v2 = 2 * (nuint)v, v3 = 3 * (nuint)v;
        Vector<float> c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (accumulate)
        {
            c00 = Vector.LoadUnsafe(ref c); c01 = Vector.LoadUnsafe(ref c, v1); c02 = Vector.LoadUnsafe(ref c, v2); c03 = Vector.LoadUnsafe(ref c, v3);
            c10 = Vector.LoadUnsafe(ref c, n1); c11 = Vector.LoadUnsafe(ref c, n1 + v1); c12 = Vector.LoadUnsafe(ref c, n1 + v2); c13 = Vector.LoadUnsafe(ref c, n1 + v3);
            c20 = Vector.LoadUnsafe(ref c, n2); c21 = Vector.LoadUnsafe(ref c, n2 + v1); c22 = Vector.LoadUnsafe(ref c, n2 + v2); c23 = Vector.LoadUnsafe(ref c, n2 + v3);
            c30 = Vector.LoadUnsafe(ref c, n3); c31 = Vector.LoadUnsafe(ref c, n3 + v1); c32 = Vector.LoadUnsafe(ref c, n3 + v2); c33 = Vector.LoadUnsafe(ref c, n3 + v3);
        }
        else
        {
            c00 = c01 = c02 = c03 = c10 = c11 = c12 = c13 = c20 = c21 = c22 = c23 = c30 = c31 = c32 = c33 = Vector<float>.Zero;
        }
        for (int p = 0; p < k; p++)
        {
            nuint row = (nuint)p * n1;
            var y0 = Vector.LoadUnsafe(ref y, row);
            var y1 = Vector.LoadUnsafe(ref y, row + v1);
            var y2 = Vector.LoadUnsafe(ref y, row + v2);
            var y3 = Vector.LoadUnsafe(ref y, row + v3);
            int xp = p * xColumn;
            var x0 = new Vector<float>(Unsafe.Add(ref x, xp));
            var x1 = new Vector<float>(Unsafe.Add(ref x, xp + xRow));
            var x2 = new Vector<float>(Unsafe.Add(ref x, xp + 2 * xRow));
            var x3 = new Vector<float>(Unsafe.Add(ref x, xp + 3 * xRow));
            c00 = Vector.FusedMultiplyAdd(x0, y0, c00); c01 = Vector.FusedMultiplyAdd(x0, y1, c01); c02 = Vector.FusedMultiplyAdd(x0, y2, c02); c03 = Vector.FusedMultiplyAdd(x0, y3, c03);
            c10 = Vector.FusedMultiplyAdd(x1, y0, c10); c11 = Vector.FusedMultiplyAdd(x1, y1, c11); c12 = Vector.FusedMultiplyAdd(x1, y2, c12); c13 = Vector.FusedMultiplyAdd(x1, y3, c13);
            c20 = Vector.FusedMultiplyAdd(x2, y0, c20); c21 = Vector.FusedMultiplyAdd(x2, y1, c21); c22 = Vector.FusedMultiplyAdd(x2, y2, c22); c23 = Vector.FusedMultiplyAdd(x2, y3, c23);
            c30 = Vector.FusedMultiplyAdd(x3, y0, c30); c31 = Vector.FusedMultiplyAdd(x3, y1, c31); c32 = Vector.FusedMultiplyAdd(x3, y2, c32); c33 = Vector.FusedMultiplyAdd(x3, y3, c33);
        }
        c00.StoreUnsafe(ref c); c01.StoreUnsafe(ref c, v1); c02.StoreUnsafe(ref c, v2); c03.StoreUnsafe(ref c, v3);
        c10.StoreUnsafe(ref c, n1); c11.StoreUnsafe(ref c, n1 + v1); c12.StoreUnsafe(ref c, n1 + v2); c13.StoreUnsafe(ref c, n1 + v3);
        c20.StoreUnsafe(ref c, n2); c21.StoreUnsafe(ref c, n2 + v1); c22.StoreUnsafe(ref c, n2 + v2); c23.StoreUnsafe(ref c, n2 + v3);
        c30.StoreUnsafe(ref c, n3); c31.StoreUnsafe(ref c, n3 + v1); c32.StoreUnsafe(ref c, n3 + v2); c33.StoreUnsafe(ref c, n3 + v3);
    }

    private static void Axpy4x1(ref float x, int xRow, int xColumn, ref float y, int n, int k, ref float c, bool accumulate)
    {
        nuint n1 = (nuint)n, n2 = 2 * (nuint)n, n3 = 3 * (nuint)n;
        Vector<float> c0, c1, c2, c3;
        if (accumulate)
        {
            c0 = Vector.LoadUnsafe(ref c); c1 = Vector.LoadUnsafe(ref c, n1); c2 = Vector.LoadUnsafe(ref c, n2); c3 = Vector.LoadUnsafe(ref c, n3);
        }
        else
        {
            c0 = c1 = c2 = c3 = Vector<float>.Zero;
        }
        for (int p = 0; p < k; p++)
        {
            var y0 = Vector.LoadUnsafe(ref y, (nuint)p * n1);
            int xp = p * xColumn;
            c0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref x, xp)), y0, c0);
            c1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref x, xp + xRow)), y0, c1);
            c2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref x, xp + 2 * xRow)), y0, c2);
            c3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref x, xp + 3 * xRow)), y0, c3);
        }
        c0.StoreUnsafe(ref c); c1.StoreUnsafe(ref c, n1); c2.StoreUnsafe(ref c, n2); c3.StoreUnsafe(ref c, n3);
    }

    private static void Axpy1x1(ref float x, int xColumn, ref float y, int n, int k, ref float c, bool accumulate)
    {
        var c0 = accumulate ? Vector.LoadUnsafe(ref c) : Vector<float>.Zero;
        for (int p = 0; p < k; p++) c0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref x, p * xColumn)), Vector.LoadUnsafe(ref y, (nuint)p * (nuint)n), c0);
        c0.StoreUnsafe(ref c);
    }

    /// <summary>Columns from <paramref name="from"/> to n of one output row, one float at a time.</summary>
    private static void AxpyScalar(ref float x, int row, int xRow, int xColumn, ref float y, int n, int k, int from, ref float c, bool accumulate)
    {
        for (int j = from; j < n; j++)
        {
            float sum = accumulate ? Unsafe.Add(ref c, row * n + j) : 0f;
            for (int p = 0; p < k; p++) sum += Unsafe.Add(ref x, row * xRow + p * xColumn) * Unsafe.Add(ref y, p * n + j);
            Unsafe.Add(ref c, row * n + j) = sum;
        }
    }
}
