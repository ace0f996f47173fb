using BenchmarkDotNet.Attributes;
using LiveRank.Benchmarks.Config;
using LiveRank.Scoring.Trees;
using LiveRank.Testing.Trees;

namespace LiveRank.Benchmarks;

/// <summary>
/// The LambdaMART evaluator on the rerank shape: 100 candidates × 40 features, a 300-tree, 31-leaf ensemble
/// (<see cref="TreeEnsembleMother.Random"/>, features uniform in [0, 1)). <c>Score100_FeatureMajor</c> is what the
/// server runs (the widest bitvector kernel the machine has); <c>Score100_FeatureMajor_Walking</c> is the fallback
/// kernel on the same input, for comparison; <c>ScoreSingleRow</c> is one row.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
public class TreeEnsembleBenchmarks
{
    private const int Rows = 100;
    private const int Features = 40;

    private TreeEnsemble _model = null!;
    private float[] _rowMajor = null!;
    private float[] _featureMajor = null!;
    private float[] _scores = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = TreeEnsembleMother.Random(trees: 300, leaves: 31, Features);
        _rowMajor = TreeEnsembleMother.Matrix(Rows, Features);
        _featureMajor = TreeEnsembleMother.ToFeatureMajor(_rowMajor, Rows, Features);
        _scores = new float[Rows];
    }

    [Benchmark(Baseline = true)]
    public void Score100_FeatureMajor() => _model.Score(_featureMajor, Rows, MatrixLayout.FeatureMajor, _scores);

    [Benchmark]
    public void Score100_RowMajor() => _model.Score(_rowMajor, Rows, MatrixLayout.RowMajor, _scores);

    [Benchmark]
    public void Score100_FeatureMajor_Walking() =>
        _model.Score(_featureMajor, Rows, MatrixLayout.FeatureMajor, _scores, TreeKernel.Walk);

    [Benchmark]
    public float ScoreSingleRow() => _model.Score(_rowMajor.AsSpan(0, Features));
}
