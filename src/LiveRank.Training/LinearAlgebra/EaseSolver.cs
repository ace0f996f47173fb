using System.Numerics.Tensors;

namespace LiveRank.Training.LinearAlgebra;

/// <summary>
/// EASE, Steck's closed-form linear item-item model (WWW 2019): with X the binary user × item matrix,
/// P = (XᵀX + λI)⁻¹ and B = I − P·diagMat(1/diag(P)), i.e. B[i, j] = −P[i, j] / P[j, j] and B[i, i] = 0. Shared by
/// the <c>ease</c> baseline and the trained model's EASE retriever.
/// </summary>
public static class EaseSolver
{
    /// <summary>
    /// Lower triangle of G = XᵀX over items 0..n−1 (row-major n × n; an item a user met twice counts once). With
    /// <paramref name="map"/>, each item is first mapped into 0..n−1 and dropped when it maps below 0.
    /// </summary>
    public static float[] Gram(IEnumerable<int[]> sequences, int n, Func<int, int>? map = null)
    {
        var gram = new float[(long)n * n];
        var distinct = new SortedSet<int>();
        foreach (var sequence in sequences)
        {
            distinct.Clear();
            foreach (int item in sequence)
            {
                int local = map is null ? item : map(item);
                if (local >= 0) distinct.Add(local);
            }
            int[] items = [.. distinct];
            for (int a = 0; a < items.Length; a++)
            {
                long row = (long)items[a] * n;
                for (int b = 0; b <= a; b++) gram[row + items[b]]++;
            }
        }
        return gram;
    }

    /// <summary>B (row-major n × n) from the lower triangle of G, which is changed in place.</summary>
    public static float[] Weights(float[] gram, int n, double lambda)
    {
        for (int i = 0; i < n; i++) gram[(long)i * n + i] += (float)lambda;
        var p = SymmetricInverse.Invert(gram, n);
        var b = new float[(long)n * n];
        var inverseDiagonal = new float[n];
        for (int j = 0; j < n; j++) inverseDiagonal[j] = -1f / p[(long)j * n + j];
        for (int i = 0; i < n; i++)
        {
            var row = b.AsSpan(i * n, n);
            TensorPrimitives.Multiply(p.AsSpan(i * n, n), inverseDiagonal, row);
            row[i] = 0;
        }
        return b;
    }
}
