namespace LiveRank.Training.Adapter;

/// <summary>
/// Adam (Kingma and Ba 2015) over one flat parameter vector: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε). Every element is updated on its own, so splitting the vector over
/// threads cannot change a bit.
/// </summary>
internal sealed class AdamOptimizer
{
    private const int Chunks = 16;

    private readonly float[] _m;
    private readonly float[] _v;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly ParallelOptions _parallel;
    private int _step;

    public AdamOptimizer(int length, double beta1, double beta2, double epsilon, int maxThreads)
    {
        _m = new float[length];
        _v = new float[length];
        _beta1 = (float)beta1;
        _beta2 = (float)beta2;
        _epsilon = (float)epsilon;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
    }

    public void Step(float[] theta, float[] gradient, double learningRate)
    {
        _step++;
        float rate = (float)(learningRate * Math.Sqrt(1 - Math.Pow(_beta2, _step)) / (1 - Math.Pow(_beta1, _step)));
        int length = theta.Length;
        int chunk = (length + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, _parallel, c =>
        {
            int start = c * chunk, end = Math.Min(length, start + chunk);
            float b1 = _beta1, b2 = _beta2, eps = _epsilon;
            for (int i = start; i < end; i++)
            {
                float g = gradient[i];
                float m = _m[i] = b1 * _m[i] + (1 - b1) * g;
                float v = _v[i] = b2 * _v[i] + (1 - b2) * g * g;
                theta[i] -= rate * m / (MathF.Sqrt(v) + eps);
            }
        });
    }
}
