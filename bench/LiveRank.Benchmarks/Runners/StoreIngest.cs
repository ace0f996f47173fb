namespace LiveRank.Benchmarks.Runners;

/// <summary>Ingest through the durable store; filled in once the embedded store lands.</summary>
internal static class StoreIngest
{
    public static Task<bool> RunAsync(string[] args)
    {
        _ = args;
        Console.WriteLine("IStateStore.AppendEventsAsync: embedded store not available in this build yet.");
        return Task.FromResult(true);
    }
}
