using System.Globalization;
using System.Numerics.Tensors;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// <c>bpr</c>: matrix factorisation trained with Bayesian Personalized Ranking (Rendle et al. 2009). A user's score
/// for item i is pᵤ·qᵢ + bᵢ. Each epoch visits every (user, training item) pair once in a seeded random order, draws
/// a negative j uniformly from the items the user never met, and takes one SGD step on
/// −ln σ(x̂ᵤᵢⱼ) + (reg/2)(‖pᵤ‖² + ‖qᵢ‖² + ‖qⱼ‖² + bᵢ² + bⱼ²) with x̂ᵤᵢⱼ = pᵤ·(qᵢ − qⱼ) + bᵢ − bⱼ. Factors start as
/// N(0, 0.1²) draws, biases at zero. Single-threaded, so a seed gives the same model on any machine.
/// </summary>
public sealed class BprBaseline : IEarlyStoppingBaseline
{
    /// <summary>Most epochs of a validation run; early stopping usually ends it far sooner.</summary>
    public const int MaxEpochs = 80;

    /// <summary>Epochs without a better validation score before a validation run stops.</summary>
    public const int Patience = 5;

    /// <summary>Epochs always trained: validation NDCG on a few hundred users is noisy, and the first epochs' gains are small.</summary>
    public const int MinEpochs = 10;

    private float[] _users = [];
    private float[] _items = [];
    private float[] _bias = [];

    public BprBaseline(int factors, double learningRate, double regularization, int seed = 1, int epochs = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factors, 1);
        Factors = factors;
        LearningRate = learningRate;
        Regularization = regularization;
        Seed = seed;
        Epochs = epochs;
    }

    public int Factors { get; }
    public double LearningRate { get; }
    public double Regularization { get; }
    public int Seed { get; }

    /// <summary>Epochs <see cref="Fit"/> trains; set by <see cref="FitWithValidation"/> to its best epoch.</summary>
    public int Epochs { get; private set; }

    public string Name => "bpr";

    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters =>
    [
        new("factors", Factors.ToString(CultureInfo.InvariantCulture)),
        new("learningRate", LearningRate.ToString(CultureInfo.InvariantCulture)),
        new("regularization", Regularization.ToString(CultureInfo.InvariantCulture)),
        new("epochs", Epochs.ToString(CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
    ];

    public string FitKey => $"bpr;{Factors};{LearningRate};{Regularization};{Seed}";

    public void Fit(TrainingSet training)
    {
        if (Epochs < 1) throw new InvalidOperationException("BPR needs an epoch count: run FitWithValidation first, or pass epochs.");
        var trainer = new Trainer(this, training);
        for (int epoch = 0; epoch < Epochs; epoch++) trainer.Epoch();
    }

    public double FitWithValidation(TrainingSet training, Func<IRecommenderBaseline, double> validate)
    {
        var trainer = new Trainer(this, training);
        double best = double.NegativeInfinity;
        int bestEpoch = 0, since = 0;
        float[] users = [], items = [], bias = [];
        for (int epoch = 1; epoch <= MaxEpochs && (epoch <= MinEpochs || since < Patience); epoch++)
        {
            trainer.Epoch();
            double score = validate(this);
            if (score > best)
            {
                best = score;
                bestEpoch = epoch;
                since = 0;
                users = (float[])_users.Clone();
                items = (float[])_items.Clone();
                bias = (float[])_bias.Clone();
            }
            else since++;
        }
        _users = users;
        _items = items;
        _bias = bias;
        Epochs = bestEpoch;
        return best;
    }

    public void Score(ReadOnlySpan<int> history, Span<float> scores) =>
        throw new InvalidOperationException("BPR scores known users only: call ScoreUser.");

    public void ScoreUser(in UserHistory history, Span<float> scores)
    {
        if (history.User < 0 || (history.User + 1) * Factors > _users.Length)
            throw new InvalidOperationException($"BPR has no factors for user {history.User}; fit it first.");
        var user = _users.AsSpan(history.User * Factors, Factors);
        for (int i = 0; i < _bias.Length; i++) scores[i] = _bias[i] + TensorPrimitives.Dot(user, _items.AsSpan(i * Factors, Factors));
    }

    /// <summary>The per-triple loss −ln σ(x̂) + (reg/2)(‖p‖² + ‖qᵢ‖² + ‖qⱼ‖² + bᵢ² + bⱼ²).</summary>
    public static double Loss(ReadOnlySpan<float> p, ReadOnlySpan<float> qi, ReadOnlySpan<float> qj, float bi, float bj, double reg)
    {
        double x = bi - bj;
        double norms = (double)bi * bi + (double)bj * bj;
        for (int f = 0; f < p.Length; f++)
        {
            x += (double)p[f] * (qi[f] - qj[f]);
            norms += (double)p[f] * p[f] + (double)qi[f] * qi[f] + (double)qj[f] * qj[f];
        }
        // −ln σ(x) = ln(1 + e^−x), written to stay finite for large |x|.
        double logistic = x > 0 ? Math.Log(1 + Math.Exp(-x)) : -x + Math.Log(1 + Math.Exp(x));
        return logistic + reg / 2 * norms;
    }

    /// <summary>The gradient of <see cref="Loss"/>; the SGD step is θ ← θ − lr·∂L/∂θ.</summary>
    public static void Gradient(ReadOnlySpan<float> p, ReadOnlySpan<float> qi, ReadOnlySpan<float> qj, float bi, float bj, float reg,
        Span<float> dp, Span<float> dqi, Span<float> dqj, out float dbi, out float dbj)
    {
        float x = bi - bj + TensorPrimitives.Dot(p, qi) - TensorPrimitives.Dot(p, qj);
        float g = 1f / (1f + MathF.Exp(x)); // σ(−x) = −∂(−ln σ(x))/∂x
        for (int f = 0; f < p.Length; f++)
        {
            dp[f] = -g * (qi[f] - qj[f]) + reg * p[f];
            dqi[f] = -g * p[f] + reg * qi[f];
            dqj[f] = g * p[f] + reg * qj[f];
        }
        dbi = -g + reg * bi;
        dbj = g + reg * bj;
    }

    /// <summary>One training run's state: the parameters (in the baseline), the positives and the random stream.</summary>
    private sealed class Trainer
    {
        private readonly BprBaseline _model;
        private readonly int _itemCount;
        private readonly (int User, int Item)[] _positives;
        private readonly HashSet<int>[] _seen;
        private readonly Random _random;
        private readonly float[] _dp, _dqi, _dqj;

        public Trainer(BprBaseline model, TrainingSet training)
        {
            _model = model;
            _itemCount = training.ItemCount;
            int d = model.Factors;
            _random = new Random(model.Seed);
            _seen = new HashSet<int>[training.UserCount];
            var positives = new List<(int, int)>();
            for (int u = 0; u < training.UserCount; u++)
            {
                _seen[u] = [.. training.Sequences[u]];
                foreach (int item in _seen[u].Order()) positives.Add((u, item));
            }
            _positives = [.. positives];
            model._users = Gaussian(training.UserCount * d, 0.1f);
            model._items = Gaussian(_itemCount * d, 0.1f);
            model._bias = new float[_itemCount];
            _dp = new float[d];
            _dqi = new float[d];
            _dqj = new float[d];
        }

        public void Epoch()
        {
            int d = _model.Factors;
            float lr = (float)_model.LearningRate, reg = (float)_model.Regularization;
            _random.Shuffle(_positives);
            foreach (var (u, i) in _positives)
            {
                if (_seen[u].Count >= _itemCount) continue; // no negative to draw
                int j;
                do j = _random.Next(_itemCount);
                while (_seen[u].Contains(j));
                var p = _model._users.AsSpan(u * d, d);
                var qi = _model._items.AsSpan(i * d, d);
                var qj = _model._items.AsSpan(j * d, d);
                Gradient(p, qi, qj, _model._bias[i], _model._bias[j], reg, _dp, _dqi, _dqj, out float dbi, out float dbj);
                TensorPrimitives.MultiplyAdd(_dp, -lr, p, p);
                TensorPrimitives.MultiplyAdd(_dqi, -lr, qi, qi);
                TensorPrimitives.MultiplyAdd(_dqj, -lr, qj, qj);
                _model._bias[i] -= lr * dbi;
                _model._bias[j] -= lr * dbj;
            }
        }

        private float[] Gaussian(int count, float deviation)
        {
            var values = new float[count];
            for (int k = 0; k < count; k++)
            {
                // Box–Muller from the seeded stream (Random has no normal draw).
                double u1 = 1.0 - _random.NextDouble(), u2 = _random.NextDouble();
                values[k] = (float)(deviation * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
            return values;
        }
    }
}
