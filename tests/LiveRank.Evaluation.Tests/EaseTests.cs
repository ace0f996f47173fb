using LiveRank.Evaluation.Baselines;
using LiveRank.Training.LinearAlgebra;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

public sealed class EaseTests
{
    // Users: {0,1}, {1,2}, {0,1,2}. G = XᵀX = [[2,2,1],[2,3,2],[1,2,2]]; with λ = 1, G + I = [[3,2,1],[2,4,2],[1,2,3]],
    // det 16, P = (G + I)⁻¹ = [[.5,−.25,0],[−.25,.5,−.25],[0,−.25,.5]]; B[i,j] = −P[i,j]/P[j,j]:
    // B = [[0,.5,0],[.5,0,.5],[0,.5,0]].
    private static readonly TrainingSet Training = new(3, [[0, 1], [1, 2], [0, 1, 2]]);

    [Fact]
    public void Fit_TinyMatrix_MatchesClosedForm()
    {
        var ease = new EaseBaseline(lambda: 1, decay: 1);
        ease.Fit(Training);
        var scores = new float[3];

        ease.Score([0], scores);
        Assert.Equal([0f, 0.5f, 0f], scores, new Tolerance(1e-5f));

        ease.Score([0, 2], scores);
        Assert.Equal([0f, 1f, 0f], scores, new Tolerance(1e-5f));

        ease.Score([1], scores);
        Assert.Equal([0.5f, 0f, 0.5f], scores, new Tolerance(1e-5f));
    }

    [Fact]
    public void Score_RecencyDecay_WeighsOlderItemsLess()
    {
        var ease = new EaseBaseline(lambda: 1, decay: 0.5);
        ease.Fit(Training);
        var scores = new float[3];

        ease.Score([0, 2], scores); // B[2] + 0.5·B[0]

        Assert.Equal([0f, 0.75f, 0f], scores, new Tolerance(1e-5f));
    }

    [Fact]
    public void Gram_IsBinaryCoOccurrence()
    {
        var gram = EaseBaseline.Gram(new TrainingSet(3, [[0, 1, 0], [1, 2], [0, 1, 2]]));

        Assert.Equal([2f, 0, 0, 2, 3, 0, 1, 2, 2], gram); // lower triangle of [[2,2,1],[2,3,2],[1,2,2]]
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(70, false)]
    [InlineData(150, false)]
    [InlineData(150, true)]
    public void SymmetricInverse_RandomSpd_MatchesDoubleReference(int n, bool portable)
    {
        var random = new Random(n);
        var x = new double[n * 2 * n];
        for (int i = 0; i < x.Length; i++) x[i] = random.NextDouble() < 0.3 ? 1 : 0;
        // A = XᵀX + 5I over 2n rows: symmetric positive definite, like an EASE Gram matrix.
        var a = new double[n * n];
        for (int r = 0; r < 2 * n; r++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) a[i * n + j] += x[r * n + i] * x[r * n + j];
        for (int i = 0; i < n; i++) a[i * n + i] += 5;
        var lower = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) lower[i * n + j] = (float)a[i * n + j];

        var inverse = SymmetricInverse.Invert(lower, n, portable);

        var reference = GaussJordan(a, n);
        for (int i = 0; i < n * n; i++) Assert.Equal(reference[i], inverse[i], 1e-5);
    }

    [Fact]
    public void SymmetricInverse_NotPositiveDefinite_Throws() =>
        Assert.Throws<InvalidOperationException>(() => SymmetricInverse.Invert([1f, 0f, 2f, 1f], 2)); // [[1,2],[2,1]]

    private static double[] GaussJordan(double[] matrix, int n)
    {
        var a = (double[])matrix.Clone();
        var inv = new double[n * n];
        for (int i = 0; i < n; i++) inv[i * n + i] = 1;
        for (int c = 0; c < n; c++)
        {
            double pivot = a[c * n + c];
            for (int j = 0; j < n; j++) { a[c * n + j] /= pivot; inv[c * n + j] /= pivot; }
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = a[r * n + c];
                if (f == 0) continue;
                for (int j = 0; j < n; j++) { a[r * n + j] -= f * a[c * n + j]; inv[r * n + j] -= f * inv[c * n + j]; }
            }
        }
        return inv;
    }

    private sealed class Tolerance(float epsilon) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= epsilon;
        public int GetHashCode(float obj) => 0;
    }
}
