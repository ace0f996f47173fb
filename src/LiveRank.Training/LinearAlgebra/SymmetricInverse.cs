using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveRank.Training.LinearAlgebra;

/// <summary>
/// Inverse of a symmetric positive-definite float matrix through its Cholesky factor: A = L·Lᵀ, W = L⁻¹,
/// A⁻¹ = Wᵀ·W. Each of the three steps is blocked in panels of <see cref="Block"/> columns so that nearly all of
/// the n³/2 multiply-adds run in one register-tiled kernel (4 rows × 64 columns of accumulators, AVX-512), split
/// over the cores by row tiles. The matrix is padded to a multiple of the block with an identity corner, so the
/// kernel has no edge cases. Results do not depend on the thread count: each output element is summed by one
/// thread, in a fixed order.
/// </summary>
/// <remarks>
/// float32 is enough for EASE: the diagonal shift λ keeps the condition number small (λ ≥ 10 on counts in the
/// hundreds), and a ranking only needs the order of scores. Without AVX-512 the same blocked algorithm runs with
/// <see cref="TensorPrimitives"/> row updates in place of the kernel (slower, same result up to rounding).
/// </remarks>
public static class SymmetricInverse
{
    public const int Block = 64;
    private const int TileRows = 4;

    /// <summary>Inverts the n × n matrix whose lower triangle (row-major) is in <paramref name="lower"/>.</summary>
    /// <returns>The full symmetric inverse, n × n row-major.</returns>
    /// <exception cref="InvalidOperationException">The matrix is not positive definite.</exception>
    public static float[] Invert(ReadOnlySpan<float> lower, int n, bool portable = false)
    {
        if (lower.Length < (long)n * n) throw new ArgumentException("The matrix is smaller than n × n.", nameof(lower));
        bool fast = !portable && Vector512.IsHardwareAccelerated;
        int size = (n + Block - 1) / Block * Block;
        var l = new float[(long)size * size];
        for (int i = 0; i < n; i++) lower.Slice(i * n, i + 1).CopyTo(l.AsSpan(i * size, i + 1));
        for (int i = n; i < size; i++) l[i * size + i] = 1f;

        Cholesky(l, size, fast);
        var w = new float[(long)size * size];
        InvertLower(l, w, size, fast);
        Array.Clear(l);
        TransposeProduct(w, l, size, fast);

        var inverse = new float[(long)n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                float v = l[i * size + j];
                inverse[i * n + j] = v;
                inverse[j * n + i] = v;
            }
        }
        return inverse;
    }

    /// <summary>In-place lower Cholesky factor of the padded matrix (lower triangle read and written).</summary>
    private static void Cholesky(float[] a, int size, bool fast)
    {
        // The panel below the diagonal block, transposed: row c holds column K0 + c for rows K1..size, so the
        // triangular solve runs as long row updates and the trailing update reads it as the kernel's B operand.
        var panel = new float[Block * size];
        for (int k0 = 0; k0 < size; k0 += Block)
        {
            int k1 = k0 + Block;
            for (int j = k0; j < k1; j++)
            {
                double d = a[j * size + j];
                for (int k = k0; k < j; k++) d -= (double)a[j * size + k] * a[j * size + k];
                if (!(d > 0)) throw new InvalidOperationException($"The matrix is not positive definite (pivot {j}: {d:G4}).");
                float pivot = (float)Math.Sqrt(d);
                a[j * size + j] = pivot;
                for (int i = j + 1; i < k1; i++)
                {
                    double s = a[i * size + j];
                    for (int k = k0; k < j; k++) s -= (double)a[i * size + k] * a[j * size + k];
                    a[i * size + j] = (float)(s / pivot);
                }
            }
            if (k1 == size) break;

            int rows = size - k1;
            for (int i = k1; i < size; i++)
                for (int c = 0; c < Block; c++) panel[c * size + i] = a[i * size + k0 + c];
            for (int c = 0; c < Block; c++)
            {
                var row = panel.AsSpan(c * size + k1, rows);
                for (int s = 0; s < c; s++)
                    TensorPrimitives.MultiplyAdd(panel.AsSpan(s * size + k1, rows), -a[(k0 + c) * size + k0 + s], row, row);
                TensorPrimitives.Multiply(row, 1f / a[(k0 + c) * size + k0 + c], row);
            }
            for (int i = k1; i < size; i++)
                for (int c = 0; c < Block; c++) a[i * size + k0 + c] = panel[c * size + i];

            // Trailing update of the lower triangle: A[i, j] -= Σc L[i, K0 + c] · L[j, K0 + c] for K1 ≤ j ≤ i.
            int tiles = rows / TileRows;
            Parallel.For(0, tiles, t =>
            {
                int i0 = k1 + t * TileRows;
                for (int j0 = k1; j0 <= i0 + TileRows - 1; j0 += Block)
                    Update(a, i0 * size + k0, size, panel, j0, size, a, i0 * size + j0, size, fast);
            });
        }
    }

    /// <summary>W = L⁻¹ by blocked forward substitution on rows: block row K is solved, then subtracted from the rows below.</summary>
    private static void InvertLower(float[] l, float[] w, int size, bool fast)
    {
        for (int i = 0; i < size; i++) w[i * size + i] = 1f;
        for (int k0 = 0; k0 < size; k0 += Block)
        {
            int k1 = k0 + Block;
            for (int r = k0; r < k1; r++)
            {
                var row = w.AsSpan(r * size, k1);
                for (int s = k0; s < r; s++) TensorPrimitives.MultiplyAdd(w.AsSpan(s * size, k1), -l[r * size + s], row, row);
                TensorPrimitives.Multiply(row, 1f / l[r * size + r], row);
            }
            if (k1 == size) break;
            int tiles = (size - k1) / TileRows;
            Parallel.For(0, tiles, t =>
            {
                int i0 = k1 + t * TileRows;
                for (int j0 = 0; j0 < k1; j0 += Block)
                    Update(l, i0 * size + k0, size, w, k0 * size + j0, size, w, i0 * size + j0, size, fast);
            });
        }
    }

    /// <summary>Lower triangle of P = Wᵀ·W, accumulated block row of W by block row (W[k, i] = 0 for i &gt; k).</summary>
    private static void TransposeProduct(float[] w, float[] p, int size, bool fast)
    {
        // −Wᵀ of the block rows, i-major, so that the kernel's C −= A·B adds Wᵀ·W.
        var negatedTranspose = new float[size * Block];
        for (int k0 = 0; k0 < size; k0 += Block)
        {
            int k1 = k0 + Block;
            for (int k = 0; k < Block; k++)
                for (int i = 0; i < k1; i++) negatedTranspose[i * Block + k] = -w[(k0 + k) * size + i];
            int tiles = k1 / TileRows;
            Parallel.For(0, tiles, t =>
            {
                int i0 = t * TileRows;
                for (int j0 = 0; j0 <= i0 + TileRows - 1; j0 += Block)
                    Update(negatedTranspose, i0 * Block, Block, w, k0 * size + j0, size, p, i0 * size + j0, size, fast);
            });
        }
    }

    /// <summary>
    /// C[r, j] −= Σk A[r, k] · B[k, j] for 4 rows r and 64 columns j, k over one block: A row-major with stride
    /// <paramref name="lda"/>, B k-major with stride <paramref name="ldb"/>, C with stride <paramref name="ldc"/>.
    /// </summary>
    private static void Update(float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc, bool fast)
    {
        if (fast) Kernel512(a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        else Portable(a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
    }

    private static void Portable(float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc)
    {
        for (int r = 0; r < TileRows; r++)
        {
            var row = c.AsSpan(cOffset + r * ldc, Block);
            for (int k = 0; k < Block; k++)
            {
                float x = a[aOffset + r * lda + k];
                if (x != 0) TensorPrimitives.MultiplyAdd(b.AsSpan(bOffset + k * ldb, Block), -x, row, row);
            }
        }
    }

    // 16 accumulators (4 rows × 4 vectors of 16 floats), 4 loads of B and one broadcast of A at a time: 21 of the
    // 32 zmm registers, so the loop runs without spills.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512(float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb, float[] c, int cOffset, int ldc)
    {
        ref float ra = ref MemoryMarshal.GetArrayDataReference(a);
        ref float rb = ref MemoryMarshal.GetArrayDataReference(b);
        ref float rc = ref MemoryMarshal.GetArrayDataReference(c);
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        nuint a0 = (nuint)aOffset, a1 = a0 + (nuint)lda, a2 = a1 + (nuint)lda, a3 = a2 + (nuint)lda;
        nuint bk = (nuint)bOffset;
        for (nuint k = 0; k < Block; k++, bk += (nuint)ldb)
        {
            var b0 = Vector512.LoadUnsafe(ref rb, bk);
            var b1 = Vector512.LoadUnsafe(ref rb, bk + 16);
            var b2 = Vector512.LoadUnsafe(ref rb, bk + 32);
            var b3 = Vector512.LoadUnsafe(ref rb, bk + 48);
            var x = Vector512.Create(Unsafe.Add(ref ra, a0 + k));
            s00 = Vector512.FusedMultiplyAdd(x, b0, s00); s01 = Vector512.FusedMultiplyAdd(x, b1, s01);
            s02 = Vector512.FusedMultiplyAdd(x, b2, s02); s03 = Vector512.FusedMultiplyAdd(x, b3, s03);
            x = Vector512.Create(Unsafe.Add(ref ra, a1 + k));
            s10 = Vector512.FusedMultiplyAdd(x, b0, s10); s11 = Vector512.FusedMultiplyAdd(x, b1, s11);
            s12 = Vector512.FusedMultiplyAdd(x, b2, s12); s13 = Vector512.FusedMultiplyAdd(x, b3, s13);
            x = Vector512.Create(Unsafe.Add(ref ra, a2 + k));
            s20 = Vector512.FusedMultiplyAdd(x, b0, s20); s21 = Vector512.FusedMultiplyAdd(x, b1, s21);
            s22 = Vector512.FusedMultiplyAdd(x, b2, s22); s23 = Vector512.FusedMultiplyAdd(x, b3, s23);
            x = Vector512.Create(Unsafe.Add(ref ra, a3 + k));
            s30 = Vector512.FusedMultiplyAdd(x, b0, s30); s31 = Vector512.FusedMultiplyAdd(x, b1, s31);
            s32 = Vector512.FusedMultiplyAdd(x, b2, s32); s33 = Vector512.FusedMultiplyAdd(x, b3, s33);
        }
        nuint c0 = (nuint)cOffset;
        Subtract(ref rc, c0, s00, s01, s02, s03);
        Subtract(ref rc, c0 + (nuint)ldc, s10, s11, s12, s13);
        Subtract(ref rc, c0 + 2 * (nuint)ldc, s20, s21, s22, s23);
        Subtract(ref rc, c0 + 3 * (nuint)ldc, s30, s31, s32, s33);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Subtract(ref float c, nuint offset, Vector512<float> s0, Vector512<float> s1, Vector512<float> s2, Vector512<float> s3)
    {
        (Vector512.LoadUnsafe(ref c, offset) - s0).StoreUnsafe(ref c, offset);
        (Vector512.LoadUnsafe(ref c, offset + 16) - s1).StoreUnsafe(ref c, offset + 16);
        (Vector512.LoadUnsafe(ref c, offset + 32) - s2).StoreUnsafe(ref c, offset + 32);
        (Vector512.LoadUnsafe(ref c, offset + 48) - s3).StoreUnsafe(ref c, offset + 48);
    }
}
