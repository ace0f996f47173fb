using LiveRank.Evaluation.Metrics;

namespace LiveRank.Evaluation.Tests;

public sealed class BootstrapTests
{
    [Fact]
    public void ConfidenceInterval_ConstantValues_IsThatValue()
    {
        var (low, high) = Bootstrap.ConfidenceInterval(Enumerable.Repeat(0.25, 50).ToArray(), seed: 1);

        Assert.Equal(0.25, low, 12);
        Assert.Equal(0.25, high, 12);
    }

    [Fact]
    public void ConfidenceInterval_SameSeed_IsIdentical_AndCoversMean()
    {
        var values = Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 1.0 : 0.0).ToArray();

        var a = Bootstrap.ConfidenceInterval(values, seed: 3);
        var b = Bootstrap.ConfidenceInterval(values, seed: 3);

        Assert.Equal(a, b);
        Assert.InRange(0.1, a.Low, a.High);
        Assert.True(a.Low > 0.02 && a.High < 0.2);
    }

    [Fact]
    public void Quantile_Interpolates()
    {
        Assert.Equal(2.5, Bootstrap.Quantile([1, 2, 3, 4], 0.5), 12);
        Assert.Equal(1.0, Bootstrap.Quantile([1, 2, 3, 4], 0.0), 12);
    }

    [Fact]
    public void Paired_IdenticalSystems_PIsOne()
    {
        var a = Enumerable.Range(0, 60).Select(i => i / 60.0).ToArray();

        var result = Bootstrap.Paired(a, a, seed: 1);

        Assert.Equal(0.0, result.MeanDifference);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Paired_ClearlyBetterSystem_SmallP()
    {
        var b = Enumerable.Range(0, 200).Select(i => (i % 7) / 10.0).ToArray();
        var a = b.Select((x, i) => x + (i % 3 == 0 ? 0.2 : 0.05)).ToArray();

        var result = Bootstrap.Paired(a, b, seed: 1);

        Assert.Equal(0.1, result.MeanDifference, 2);
        Assert.True(result.PValue < 0.01);
        Assert.True(result.Low > 0);
    }

    [Fact]
    public void CoverageInterval_IdenticalLists_IsThePoint()
    {
        int[][] lists = [[0, 1], [0, 1], [0, 1]];

        var (low, high) = Bootstrap.CoverageInterval(lists, catalogSize: 4, seed: 1, resamples: 200);

        Assert.Equal(0.5, low, 12);
        Assert.Equal(0.5, high, 12);
    }

    [Fact]
    public void CoverageInterval_ContainsObservedCoverage()
    {
        var random = new Random(3);
        int[][] lists = [.. Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 10).Select(_ => random.Next(1000)).ToArray())];
        double observed = BeyondAccuracyMetrics.Coverage(lists, 1000);

        var (low, high) = Bootstrap.CoverageInterval(lists, 1000, seed: 1, resamples: 500);

        Assert.InRange(observed, low, high);
        Assert.True(high - low > 0.01);
    }
}
