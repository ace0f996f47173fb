namespace LiveRank.Benchmarks.Runners;

/// <summary>Recovery of 1M events; filled in once the embedded store lands.</summary>
internal static class RecoveryRunner
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("recovery: embedded store not available in this build yet.");
        return Task.FromResult(1);
    }
}
