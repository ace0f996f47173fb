using BenchmarkDotNet.Attributes;
using LiveRank.Scoring.Adapter;
using LiveRank.Testing;

namespace LiveRank.Benchmarks;

/// <summary>
/// The LM adapter at MiniLM's shape (d = 384, r = 64, k = 20) with random weights: one user vector from 20 history
/// vectors, one item code, and a full pass of one user over the 3,650 codes of ml-latest-small's P1 catalog (the
/// retrieval use: n dot products of length r).
/// </summary>
[MemoryDiagnoser]
public class LmAdapterBenchmarks
{
    private const int Dimension = 384;
    private const int Items = 3650;

    private LmAdapter _adapter = null!;
    private float[] _history = null!;
    private float[] _weights = null!;
    private float[] _item = null!;
    private float[] _codes = null!;
    private float[] _user = null!;
    private float[] _code = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new SplitMix64(11);
        var parameters = new LmAdapterParameters(Dimension, rank: 64, window: 20, Items, lastItemTerm: true, itemBias: true) { EventWeight = 0.3f };
        foreach (var array in new[] { parameters.PositionBias, parameters.Query, parameters.UserProjection, parameters.LastItemProjection, parameters.ItemProjection, parameters.ItemOffsets })
            for (int i = 0; i < array.Length; i++) array[i] = (float)(random.NextDouble() - 0.5) * 0.1f;
        _adapter = new LmAdapter(parameters);
        _history = Unit(ref random, 20);
        _weights = [.. Enumerable.Range(0, 20).Select(i => i % 4 == 0 ? -0.5f : 1f)];
        _item = Unit(ref random, 1);
        _codes = _adapter.EncodeAllItems(Unit(ref random, Items));
        _user = new float[64];
        _code = new float[64];
        _adapter.EncodeUser(_history, _weights, _user);
    }

    [Benchmark]
    public void EncodeUser() => _adapter.EncodeUser(_history, _weights, _user);

    [Benchmark]
    public void EncodeItem() => _adapter.EncodeItem(_item, 17, _code);

    [Benchmark]
    public float ScoreCatalog()
    {
        float best = float.NegativeInfinity;
        for (int i = 0; i < Items; i++) best = Math.Max(best, _adapter.Score(_user, _codes.AsSpan(i * 64, 64)));
        return best;
    }

    private static float[] Unit(ref SplitMix64 random, int rows)
    {
        var values = new float[rows * Dimension];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() - 0.5);
        for (int r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * Dimension, Dimension);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, System.Numerics.Tensors.TensorPrimitives.Norm<float>(row), row);
        }
        return values;
    }
}
