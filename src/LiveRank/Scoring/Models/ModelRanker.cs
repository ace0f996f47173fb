using LiveRank.Scoring.Trees;

namespace LiveRank.Scoring.Models;

/// <summary>
/// Scores candidates with a trained <see cref="RankingModel"/>: features from <see cref="FeatureBuilder"/>, masked
/// columns set to <see cref="RankingFeatures.Missing"/>, then the LambdaMART combiner (or the adapter alone when the model has no combiner). Also
/// proposes the candidate set of a recommendation. Thread-safe: each thread keeps its own builder and buffers.
/// </summary>
public sealed class ModelRanker
{
    [ThreadStatic] private static Workspace? t_workspace;

    private readonly int[] _maskedColumns;

    public ModelRanker(RankingModel model)
    {
        Model = model;
        _maskedColumns = [.. Enumerable.Range(0, model.MaskedFeatures.Length).Where(f => model.MaskedFeatures[f])];
    }

    public RankingModel Model { get; }

    /// <summary>Reads <paramref name="sequence"/> once for the calls that follow on this thread.</summary>
    public void Prepare(UserSequence sequence, ItemSpace space) => Current.Builder.Prepare(sequence, space);

    /// <summary>Scores <paramref name="candidates"/> for the user last prepared on this thread.</summary>
    public void Score(ReadOnlySpan<int> candidates, ReadOnlySpan<double> upstream, Span<float> scores)
    {
        var workspace = Current;
        int n = candidates.Length;
        var matrix = workspace.Matrix(n);
        workspace.Builder.Fill(candidates, upstream, default, matrix);
        ScoreMatrix(matrix, n, scores);
    }

    /// <summary>The feature matrix of the last <see cref="Score"/> call on this thread (feature-major), for explanations.</summary>
    public ReadOnlySpan<float> LastFeatures(int candidates) => Current.Matrix(candidates);

    /// <summary>Scores a filled feature-major matrix (training evaluates its validation groups through here too).</summary>
    public void ScoreMatrix(Span<float> matrix, int n, Span<float> scores)
    {
        foreach (int f in _maskedColumns) matrix.Slice(f * n, n).Fill(RankingFeatures.Missing);
        if (Model.Combiner is { } combiner)
        {
            combiner.Score(matrix, n, MatrixLayout.FeatureMajor, scores);
            return;
        }
        var adapter = matrix.Slice(RankingFeatures.RetrieverColumn(RankingFeatures.Adapter) * n, n);
        for (int c = 0; c < n; c++) scores[c] = adapter[c] == RankingFeatures.Missing ? float.MinValue : adapter[c];
    }

    /// <summary>The retrievers' union for the user last prepared on this thread (see <see cref="FeatureBuilder.Retrieve"/>).</summary>
    public void Retrieve(bool includeSeen, List<int> destination) => Current.Builder.Retrieve(includeSeen, destination);

    private Workspace Current
    {
        get
        {
            var workspace = t_workspace;
            if (workspace is null || workspace.Builder.Model != Model)
            {
                workspace = new Workspace(new FeatureBuilder(Model));
                t_workspace = workspace;
            }
            return workspace;
        }
    }

    private sealed class Workspace(FeatureBuilder builder)
    {
        private float[] _matrix = new float[128 * RankingFeatures.Count];

        public FeatureBuilder Builder { get; } = builder;

        public Span<float> Matrix(int candidates)
        {
            int length = candidates * RankingFeatures.Count;
            if (_matrix.Length < length) _matrix = new float[length];
            return _matrix.AsSpan(0, length);
        }
    }
}
