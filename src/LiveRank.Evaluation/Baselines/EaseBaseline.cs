using System.Globalization;
using LiveRank.Training.LinearAlgebra;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// <c>ease</c>: Steck's closed-form linear item-item model (EASE, WWW 2019). With X the binary user × item training
/// matrix, P = (XᵀX + λI)⁻¹ and B = I − P·diagMat(1/diag(P)), i.e. B[i, j] = −P[i, j] / P[j, j] and B[i, i] = 0.
/// A user's scores are x·B for a user vector x over the input items: binary (<see cref="Decay"/> = 1) or
/// recency-weighted, the most recent item 1, the one before <see cref="Decay"/>, then Decay², … (the weights are
/// a scoring-time choice; the model is always fitted on binary rows).
/// </summary>
public sealed class EaseBaseline : IRecommenderBaseline
{
    private DenseItemMatrix? _weights;

    public EaseBaseline(double lambda, double decay)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        if (decay is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(decay), "The decay is in (0, 1].");
        Lambda = lambda;
        Decay = decay;
    }

    public double Lambda { get; }

    /// <summary>Weight ratio between consecutive history items; 1 is the binary user vector.</summary>
    public double Decay { get; }

    public string Name => "ease";

    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters =>
    [
        new("lambda", Lambda.ToString(CultureInfo.InvariantCulture)),
        new("userVector", Decay == 1 ? "binary" : "recency"),
        new("decay", Decay.ToString(CultureInfo.InvariantCulture)),
    ];

    // Only λ changes the fit; the user-vector weights apply at scoring time.
    public string FitKey => "lambda=" + Lambda.ToString(CultureInfo.InvariantCulture);

    public bool TryShareFit(IRecommenderBaseline fitted)
    {
        if (fitted is not EaseBaseline other || other._weights is null || other.FitKey != FitKey) return false;
        _weights = other._weights;
        return true;
    }

    public void Fit(TrainingSet training) => _weights = Solve(Gram(training), training.ItemCount, Lambda);

    /// <summary>Lower triangle of G = XᵀX for binary X (an item a user met twice counts once).</summary>
    internal static float[] Gram(TrainingSet training) => EaseSolver.Gram(training.Sequences, training.ItemCount);

    /// <summary>B = I − P·diagMat(1/diag(P)) with P = (G + λI)⁻¹, from the lower triangle of G (changed in place).</summary>
    internal static DenseItemMatrix Solve(float[] gram, int n, double lambda)
    {
        var b = new DenseItemMatrix(n);
        EaseSolver.Weights(gram, n, lambda).CopyTo(b.Values, 0);
        return b;
    }

    public void Score(ReadOnlySpan<int> history, Span<float> scores)
    {
        var weights = _weights ?? throw new InvalidOperationException("Fit before scoring.");
        scores.Clear();
        float weight = 1f;
        for (int p = history.Length - 1; p >= 0; p--)
        {
            weights.AddRow(history[p], weight, scores);
            weight *= (float)Decay;
            // Past ~1e-4 an item no longer changes any order that matters; stop early on long histories.
            if (weight < 1e-4f) break;
        }
    }
}
