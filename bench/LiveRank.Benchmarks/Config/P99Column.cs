using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LiveRank.Benchmarks.Config;

/// <summary>
/// 99th percentile of the measured iterations. BenchmarkDotNet percentiles are over iteration means, not single
/// calls: for per-call p99 use the <c>rerank</c> runner, which times every call.
/// </summary>
public sealed class P99Column : IColumn
{
    public static readonly IColumn Default = new P99Column();

    public string Id => nameof(P99Column);
    public string ColumnName => "P99";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Percentile 99 of the iteration means";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        if (statistics is null) return "NA";
        double ns = statistics.Percentiles.Percentile(99);
        // Always microseconds: the targets are stated in µs.
        return (ns / 1000).ToString("N3", System.Globalization.CultureInfo.InvariantCulture) + " μs";
    }

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
