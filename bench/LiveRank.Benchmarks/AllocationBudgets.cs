using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Reports;

namespace LiveRank.Benchmarks;

/// <summary>
/// Compares each benchmark's allocated bytes per operation with its budget in <c>allocation-budgets.json</c>
/// (benchmark name "Type.Method" → max bytes). A benchmark over budget, or without a budget, fails the run:
/// a new hot-path benchmark cannot silently skip the check.
/// </summary>
internal static class AllocationBudgets
{
    public const string FileName = "allocation-budgets.json";

    public static Dictionary<string, long> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var budgets = JsonSerializer.Deserialize<Dictionary<string, long>>(stream)
            ?? throw new InvalidDataException($"{path} holds no budgets.");
        return new Dictionary<string, long>(budgets, StringComparer.Ordinal);
    }

    /// <summary>Prints one line per benchmark; returns the number of failures.</summary>
    public static int Check(IEnumerable<Summary> summaries, IReadOnlyDictionary<string, long> budgets)
    {
        int failures = 0, checkedCount = 0;
        Console.WriteLine();
        Console.WriteLine("Allocation budgets (" + FileName + "):");
        foreach (var summary in summaries)
        {
            foreach (var report in summary.Reports)
            {
                var descriptor = report.BenchmarkCase.Descriptor;
                string name = descriptor.Type.Name + "." + descriptor.WorkloadMethod.Name;
                string parameters = report.BenchmarkCase.Parameters.DisplayInfo;
                string key = string.IsNullOrEmpty(parameters) ? name : name + parameters;
                checkedCount++;
                if (!report.Success || report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is not long bytes)
                {
                    Console.WriteLine($"  FAIL {key}: no allocation figure (benchmark failed or MemoryDiagnoser missing)");
                    failures++;
                    continue;
                }
                if (!budgets.TryGetValue(key, out long budget) && !budgets.TryGetValue(name, out budget))
                {
                    Console.WriteLine($"  FAIL {key}: {bytes.ToString("N0", CultureInfo.InvariantCulture)} B/op and no budget in {FileName}");
                    failures++;
                    continue;
                }
                if (bytes > budget)
                {
                    Console.WriteLine($"  FAIL {key}: {bytes.ToString("N0", CultureInfo.InvariantCulture)} B/op exceeds budget {budget.ToString("N0", CultureInfo.InvariantCulture)} B/op");
                    failures++;
                }
                else
                {
                    Console.WriteLine($"  ok   {key}: {bytes.ToString("N0", CultureInfo.InvariantCulture)} B/op ≤ {budget.ToString("N0", CultureInfo.InvariantCulture)} B/op");
                }
            }
        }
        if (checkedCount == 0) Console.WriteLine("  (no benchmarks ran)");
        else if (failures > 0) Console.WriteLine($"ALLOCATION BUDGET FAILED: {failures} of {checkedCount} benchmarks.");
        return failures;
    }
}
