using System.Numerics.Tensors;

namespace LiveRank.Training.Adapter;

/// <summary>
/// Loss and gradient of one batch. For example u with positive item t_u and candidates c (the batch's positives,
/// then the shared sampled negatives) the loss is the softmax cross-entropy −log softmax_c(s_uc)[u], with
/// s_uc = h_u·g_c (− log Q_c with the logQ correction); a candidate that is u's own positive under another column
/// (a repeat in the batch or a sampled draw) is left out of u's softmax. The batch loss is the mean over examples
/// plus (λ/2)‖θ‖² over A, A₂, B and O.
/// <para>
/// A batch is a chain of dense products (H = P·Aᵀ, G = E·Bᵀ + O, S = H·Gᵀ and their gradients) with the attention
/// pool per example before and after. Every phase is cut into <see cref="Shards"/> fixed bands of output rows; each
/// output float is computed by one band in a fixed order, and the attention gradients (summed over examples) go to
/// per-band buffers reduced in band order. Which thread runs a band never changes a bit, so a seed gives the same
/// model on any core count.
/// </para>
/// </summary>
internal sealed class AdapterObjective
{
    /// <summary>Fixed bands per phase: enough to keep a few cores busy, few enough that reducing the buffers stays cheap.</summary>
    public const int Shards = 8;

    private readonly AdapterLayout _layout;
    private readonly float[] _vectors;
    private readonly IReadOnlyList<int[]> _sequences;
    private readonly IReadOnlyList<float[]>? _weights;
    private readonly bool[]? _learnsOffset;
    private readonly ParallelOptions _parallel;
    private readonly int _maxBatch;
    private readonly int _maxCandidates;

    // Batch workspaces, sized once for the largest batch (B examples, C candidates).
    private readonly int[] _candidates;
    private readonly float[] _correction;
    private readonly float[] _candidateVectors; // C × d: e_c
    private readonly float[] _codes;            // C × r: g_c
    private readonly float[] _codeGrads;        // C × r: ∂L/∂g_c
    private readonly float[] _users;            // B × r: h_u
    private readonly float[] _userGrads;        // B × r: ∂L/∂h_u
    private readonly float[] _pooled;           // B × d: pooled history after dropout
    private readonly float[] _pooledGrads;      // B × d: ∂L/∂pooled (after dropout)
    private readonly float[] _masks;            // B × d: dropout scale of the pooled vector (0 or 1/(1−rate))
    private readonly float[] _lasts;            // B × d: last item's vector after dropout
    private readonly float[] _alphas;           // B × k: attention weights
    private readonly float[] _scores;           // B × C: s_uc, then ∂L/∂s_uc
    private readonly double[] _losses;          // B
    private readonly float[][] _attentionGrads; // Shards × (k + d + 1): ∂p, ∂q, ∂β of a band of examples (θ's order)

    public AdapterObjective(AdapterLayout layout, float[] itemVectors, IReadOnlyList<int[]> sequences, IReadOnlyList<float[]>? weights,
        bool[]? learnsOffset, int maxBatch, int maxSampled, int maxThreads)
    {
        _layout = layout;
        _vectors = itemVectors;
        _sequences = sequences;
        _weights = weights;
        _learnsOffset = layout.ItemCount > 0 ? learnsOffset : null;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        _maxBatch = maxBatch;
        _maxCandidates = maxBatch + maxSampled;

        int d = layout.Dimension, r = layout.Rank;
        _candidates = new int[_maxCandidates];
        _correction = new float[_maxCandidates];
        _candidateVectors = new float[_maxCandidates * d];
        _codes = new float[_maxCandidates * r];
        _codeGrads = new float[_maxCandidates * r];
        _users = new float[maxBatch * r];
        _userGrads = new float[maxBatch * r];
        _pooled = new float[maxBatch * d];
        _pooledGrads = new float[maxBatch * d];
        _masks = new float[maxBatch * d];
        _lasts = layout.LastItemTerm ? new float[maxBatch * d] : [];
        _alphas = new float[maxBatch * layout.Window];
        _scores = new float[maxBatch * _maxCandidates];
        _losses = new double[maxBatch];
        _attentionGrads = new float[Shards][];
        for (int s = 0; s < Shards; s++) _attentionGrads[s] = new float[layout.Window + d + 1];
    }

    /// <summary>
    /// Writes ∂L/∂θ into <paramref name="gradient"/> and returns L for the examples in <paramref name="batch"/>.
    /// </summary>
    /// <param name="theta">Parameters, laid out by the objective's <see cref="AdapterLayout"/>.</param>
    /// <param name="batch">The examples; their positives are the first candidates.</param>
    /// <param name="sampled">Sampled negative items shared by the batch.</param>
    /// <param name="inBatchNegatives">Whether other examples' positives are negatives; when not, each example's softmax
    /// is over its own positive and the sampled items.</param>
    /// <param name="logQ">log Q(item) per item for the logQ correction, or null for none.</param>
    /// <param name="l2">λ of (λ/2)‖θ‖².</param>
    /// <param name="dropout">Dropout rate on the pooled and last vectors (0 for none).</param>
    /// <param name="dropoutSeed">Seed of the batch's dropout masks (example u draws from stream u).</param>
    public double Compute(float[] theta, ArraySegment<AdapterExample> batch, ArraySegment<int> sampled, bool inBatchNegatives, float[]? logQ,
        float l2, float dropout, ulong dropoutSeed, float[] gradient)
    {
        int b = batch.Count;
        int c = b + sampled.Count;
        if (b < 1 || b > _maxBatch || c > _maxCandidates) throw new ArgumentException($"A batch of {b} with {sampled.Count} sampled items does not fit the workspace.");
        for (int u = 0; u < b; u++)
        {
            var example = batch[u];
            _candidates[u] = _sequences[example.User][example.Position];
        }
        for (int k = 0; k < sampled.Count; k++) _candidates[b + k] = sampled[k];
        for (int k = 0; k < c; k++) _correction[k] = logQ is null ? 0f : -logQ[_candidates[k]];

        var work = new Batch(this, theta, batch, b, c, inBatchNegatives, dropout, dropoutSeed, gradient);
        Parallel.For(0, Shards, _parallel, work.Inputs);
        Parallel.For(0, Shards, _parallel, work.Projections);
        Parallel.For(0, Shards, _parallel, work.Softmax);
        Parallel.For(0, Shards, _parallel, work.CodeAndUserGradients);
        Parallel.For(0, Shards, _parallel, work.ProjectionGradients);
        Parallel.For(0, Shards, _parallel, work.AttentionGradients);
        FinishGradient(theta, c, l2, gradient);

        double loss = 0;
        for (int u = 0; u < b; u++) loss += _losses[u];
        loss /= b;
        if (l2 > 0)
        {
            var regularised = theta.AsSpan(0, _layout.ProjectionsEnd);
            var offsets = theta.AsSpan(_layout.ItemOffsets);
            loss += 0.5 * l2 * ((double)TensorPrimitives.SumOfSquares<float>(regularised) + TensorPrimitives.SumOfSquares<float>(offsets));
        }
        return loss;
    }

    /// <summary>Attention gradients reduced in band order, the offsets' share of ∂L/∂g, and the L2 term.</summary>
    private void FinishGradient(float[] theta, int candidates, float l2, float[] gradient)
    {
        var layout = _layout;
        int k = layout.Window, d = layout.Dimension, r = layout.Rank;
        var attention = gradient.AsSpan(layout.PositionBias, k + d + 1); // p, q and β are contiguous
        _attentionGrads[0].CopyTo(attention);
        for (int s = 1; s < Shards; s++) TensorPrimitives.Add(attention, _attentionGrads[s], attention);

        var projections = gradient.AsSpan(0, layout.ProjectionsEnd);
        if (l2 > 0) TensorPrimitives.MultiplyAdd(theta.AsSpan(0, layout.ProjectionsEnd), l2, projections, projections);

        var offsetGrads = gradient.AsSpan(layout.ItemOffsets);
        if (l2 > 0) TensorPrimitives.Multiply(theta.AsSpan(layout.ItemOffsets), l2, offsetGrads);
        else offsetGrads.Clear();
        if (_learnsOffset is null) return;
        // Only this batch's candidates have a loss gradient; a repeated item sums its columns in column order.
        for (int j = 0; j < candidates; j++)
        {
            int item = _candidates[j];
            if (!_learnsOffset[item]) continue;
            var row = offsetGrads.Slice(item * r, r);
            TensorPrimitives.Add(row, _codeGrads.AsSpan(j * r, r), row);
        }
    }

    /// <summary>Band <paramref name="shard"/> of <paramref name="count"/> rows; bands start on multiples of 4 to keep the 4-row kernels whole.</summary>
    private static (int Start, int End) Band(int count, int shard)
    {
        int blocks = (count + 3) / 4;
        int start = (int)((long)blocks * shard / Shards) * 4;
        int end = (int)((long)blocks * (shard + 1) / Shards) * 4;
        return (Math.Min(start, count), Math.Min(end, count));
    }

    /// <summary>One call's state, so the parallel phases can be plain instance methods.</summary>
    private sealed class Batch(AdapterObjective owner, float[] theta, ArraySegment<AdapterExample> examples, int count, int candidates,
        bool inBatchNegatives, float dropout, ulong dropoutSeed, float[] gradient)
    {
        private readonly AdapterLayout _layout = owner._layout;

        /// <summary>Phase 1: the examples' attention pools (after dropout) and the candidates' vectors and offsets.</summary>
        public void Inputs(int shard)
        {
            var (start, end) = Band(count, shard);
            for (int u = start; u < end; u++) Pool(u);

            int d = _layout.Dimension, r = _layout.Rank;
            (start, end) = Band(candidates, shard);
            for (int j = start; j < end; j++)
            {
                int item = owner._candidates[j];
                owner._vectors.AsSpan(item * d, d).CopyTo(owner._candidateVectors.AsSpan(j * d, d));
                var g = owner._codes.AsSpan(j * r, r);
                if (_layout.ItemCount > 0) theta.AsSpan(_layout.ItemOffsets + item * r, r).CopyTo(g);
                else g.Clear();
            }
        }

        /// <summary>Phase 2: H = P·Aᵀ (+ L·A₂ᵀ), the bias slot 1; G = O + E·Bᵀ.</summary>
        public void Projections(int shard)
        {
            var layout = _layout;
            int d = layout.Dimension, r = layout.Rank, f = layout.Factors;
            var (start, end) = Band(count, shard);
            var users = owner._users.AsSpan();
            Gemm.MultiplyTransposed(owner._pooled, theta.AsSpan(layout.UserProjection, f * d), users, f, d, r, start, end, accumulate: false);
            if (layout.LastItemTerm)
                Gemm.MultiplyTransposed(owner._lasts, theta.AsSpan(layout.LastItemProjection, f * d), users, f, d, r, start, end, accumulate: true);
            if (layout.ItemBias)
                for (int u = start; u < end; u++) users[u * r + r - 1] = 1;

            (start, end) = Band(candidates, shard);
            Gemm.MultiplyTransposed(owner._candidateVectors, theta.AsSpan(layout.ItemProjection, r * d), owner._codes, r, d, r, start, end, accumulate: true);
        }

        /// <summary>Phase 3: S = H·Gᵀ, then per example the softmax, its loss and ∂L/∂s in place of s.</summary>
        public void Softmax(int shard)
        {
            int r = _layout.Rank, c = candidates;
            var (start, end) = Band(count, shard);
            Gemm.MultiplyTransposed(owner._users, owner._codes, owner._scores, c, r, c, start, end, accumulate: false);
            float scale = 1f / count;
            for (int u = start; u < end; u++)
            {
                int positive = owner._candidates[u];
                var row = owner._scores.AsSpan(u * c, c);
                float max = float.NegativeInfinity;
                for (int j = 0; j < c; j++)
                {
                    if (Excluded(u, j, positive)) continue;
                    row[j] += owner._correction[j];
                    if (row[j] > max) max = row[j];
                }
                float positiveScore = row[u];
                double sum = 0;
                for (int j = 0; j < c; j++)
                {
                    if (Excluded(u, j, positive)) continue;
                    float e = MathF.Exp(row[j] - max);
                    row[j] = e;
                    sum += e;
                }
                // −log softmax[u] = log Σ exp(s_j − max) − (s_u − max), without taking the log of a tiny exp.
                owner._losses[u] = Math.Log(sum) - (positiveScore - max);
                float inverseSum = (float)(1.0 / sum);
                for (int j = 0; j < c; j++)
                    row[j] = Excluded(u, j, positive) ? 0f : (row[j] * inverseSum - (j == u ? 1f : 0f)) * scale;
            }
        }

        /// <summary>Phase 4: ∂L/∂H = ∂S·G and ∂L/∂G = ∂Sᵀ·H.</summary>
        public void CodeAndUserGradients(int shard)
        {
            int r = _layout.Rank, c = candidates;
            var (start, end) = Band(count, shard);
            Gemm.Multiply(owner._scores, c, 1, owner._codes, owner._userGrads, r, c, start, end, accumulate: false);
            (start, end) = Band(candidates, shard);
            Gemm.Multiply(owner._scores, 1, c, owner._users, owner._codeGrads, r, count, start, end, accumulate: false);
        }

        /// <summary>
        /// Phase 5: ∂A = ∂Hᵀ·P, ∂A₂ = ∂Hᵀ·L, ∂B = ∂Gᵀ·E straight into the gradient, and ∂P = ∂H·A. Only the factor
        /// slots carry a gradient: the bias slot of h is a constant, so its rows of A and A₂ stay zero.
        /// </summary>
        public void ProjectionGradients(int shard)
        {
            var layout = _layout;
            int d = layout.Dimension, r = layout.Rank, f = layout.Factors, b = count;
            var (start, end) = Band(f, shard);
            Gemm.Multiply(owner._userGrads, 1, r, owner._pooled, gradient.AsSpan(layout.UserProjection, f * d), d, b, start, end, accumulate: false);
            if (layout.LastItemTerm)
                Gemm.Multiply(owner._userGrads, 1, r, owner._lasts, gradient.AsSpan(layout.LastItemProjection, f * d), d, b, start, end, accumulate: false);
            if (shard == 0 && f < r)
            {
                gradient.AsSpan(layout.UserProjection + f * d, (r - f) * d).Clear();
                if (layout.LastItemTerm) gradient.AsSpan(layout.LastItemProjection + f * d, (r - f) * d).Clear();
            }

            (start, end) = Band(r, shard);
            Gemm.Multiply(owner._codeGrads, 1, r, owner._candidateVectors, gradient.AsSpan(layout.ItemProjection, r * d), d, candidates, start, end, accumulate: false);

            (start, end) = Band(b, shard);
            Gemm.Multiply(owner._userGrads, r, 1, theta.AsSpan(layout.UserProjection, f * d), owner._pooledGrads, d, f, start, end, accumulate: false);
        }

        /// <summary>Phase 6: back through dropout and the attention softmax into ∂p, ∂β, ∂q of the band.</summary>
        public void AttentionGradients(int shard)
        {
            var layout = _layout;
            int d = layout.Dimension, window = layout.Window;
            var grads = owner._attentionGrads[shard];
            Array.Clear(grads);
            var gradQuery = grads.AsSpan(window, d);
            var (start, end) = Band(count, shard);
            Span<float> dAlpha = window <= 256 ? stackalloc float[window] : new float[window];
            for (int u = start; u < end; u++)
            {
                var (sequence, weights, first, m) = History(u);
                var dPooled = owner._pooledGrads.AsSpan(u * d, d);
                if (dropout > 0) TensorPrimitives.Multiply(dPooled, owner._masks.AsSpan(u * d, d), dPooled);
                // ∂a_j = α_j (∂α_j − Σ_k α_k ∂α_k) with ∂α_j = ∂pooled·x_j.
                var alpha = owner._alphas.AsSpan(u * window, m);
                float mean = 0;
                for (int j = 0; j < m; j++)
                {
                    dAlpha[j] = TensorPrimitives.Dot(dPooled, owner._vectors.AsSpan(sequence[first + j] * d, d));
                    mean += alpha[j] * dAlpha[j];
                }
                for (int j = 0; j < m; j++)
                {
                    float da = alpha[j] * (dAlpha[j] - mean);
                    grads[m - 1 - j] += da;
                    grads[window + d] += da * (weights is null ? 1f : weights[first + j]);
                    TensorPrimitives.MultiplyAdd(owner._vectors.AsSpan(sequence[first + j] * d, d), da, gradQuery, gradQuery);
                }
            }
        }

        private (int[] Sequence, float[]? Weights, int First, int Count) History(int u)
        {
            var example = examples[u];
            int first = Math.Max(0, example.Position - _layout.Window);
            return (owner._sequences[example.User], owner._weights?[example.User], first, example.Position - first);
        }

        /// <summary>α = softmax(p[m−1−j] + β·w_j + q·x_j), pooled = Σ α_j x_j, then dropout on pooled (and on the last vector).</summary>
        private void Pool(int u)
        {
            var layout = _layout;
            int d = layout.Dimension, window = layout.Window;
            var (sequence, weights, first, m) = History(u);
            var vectors = owner._vectors;
            var query = theta.AsSpan(layout.Query, d);
            float beta = theta[layout.EventWeight];
            var alpha = owner._alphas.AsSpan(u * window, m);
            for (int j = 0; j < m; j++)
            {
                float w = weights is null ? 1f : weights[first + j];
                alpha[j] = theta[layout.PositionBias + m - 1 - j] + beta * w + TensorPrimitives.Dot(query, vectors.AsSpan(sequence[first + j] * d, d));
            }
            TensorPrimitives.SoftMax(alpha, alpha);
            var pooled = owner._pooled.AsSpan(u * d, d);
            pooled.Clear();
            for (int j = 0; j < m; j++) TensorPrimitives.MultiplyAdd(vectors.AsSpan(sequence[first + j] * d, d), alpha[j], pooled, pooled);

            var random = new TrainingRandom(TrainingRandom.Mix(dropoutSeed, (ulong)u));
            if (dropout > 0)
            {
                var mask = owner._masks.AsSpan(u * d, d);
                DrawMask(ref random, dropout, mask);
                TensorPrimitives.Multiply(pooled, mask, pooled);
            }
            if (layout.LastItemTerm)
            {
                var last = owner._lasts.AsSpan(u * d, d);
                vectors.AsSpan(sequence[first + m - 1] * d, d).CopyTo(last);
                // The last vector is frozen input (no gradient flows back to it), so its mask is applied and forgotten.
                if (dropout > 0) DropInPlace(ref random, dropout, last);
            }
        }

        private bool Excluded(int u, int j, int positive) =>
            j != u && (owner._candidates[j] == positive || (!inBatchNegatives && j < count));

        private static void DrawMask(ref TrainingRandom random, float rate, Span<float> mask)
        {
            float keep = 1f / (1f - rate);
            // Two 32-bit uniforms per draw: the masks are the training loop's only per-dimension random numbers.
            const float unit = 1f / 4294967296f;
            for (int i = 0; i < mask.Length; i += 2)
            {
                ulong bits = random.NextUInt64();
                mask[i] = (uint)bits * unit < rate ? 0f : keep;
                if (i + 1 < mask.Length) mask[i + 1] = (uint)(bits >> 32) * unit < rate ? 0f : keep;
            }
        }

        private static void DropInPlace(ref TrainingRandom random, float rate, Span<float> values)
        {
            float keep = 1f / (1f - rate);
            const float unit = 1f / 4294967296f;
            for (int i = 0; i < values.Length; i += 2)
            {
                ulong bits = random.NextUInt64();
                values[i] *= (uint)bits * unit < rate ? 0f : keep;
                if (i + 1 < values.Length) values[i + 1] *= (uint)(bits >> 32) * unit < rate ? 0f : keep;
            }
        }
    }
}
