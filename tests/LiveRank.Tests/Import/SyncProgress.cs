using LiveRank.Import;

namespace LiveRank.Tests.Import;

/// <summary>Records reports on the reporting thread (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class SyncProgress : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value) => Reports.Add(value);
}
