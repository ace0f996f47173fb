using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace LiveRank.Benchmarks.Config;

/// <summary>Adds P50, P95 and P99 columns (over iteration means) and the memory diagnoser.</summary>
public sealed class PercentilesConfig : ManualConfig
{
    public PercentilesConfig()
    {
        AddColumn(StatisticColumn.P50, StatisticColumn.P95, P99Column.Default);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
