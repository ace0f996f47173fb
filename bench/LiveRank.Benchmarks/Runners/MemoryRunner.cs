using LiveRank.Domain;
using LiveRank.State;
using LiveRank.Testing;

namespace LiveRank.Benchmarks.Runners;

/// <summary>
/// Bytes of real-time state per user holding 200 events: <see cref="GC.GetTotalMemory(bool)"/> after a full
/// collection, before and after applying 100k users × 200 events. Items are created first so only user cost
/// (plus co-visitation lists, which are bounded per item) is measured. Run twice: with generated event ids,
/// and with client ids, whose de-duplication hashes are kept forever.
/// </summary>
internal static class MemoryRunner
{
    public static int Run(string[] args)
    {
        int users = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        Report.Environment();
        double perUser = Measure(users, clientIds: false);
        Measure(users, clientIds: true);
        return Report.Target("bytes per user (200 events, generated ids)", perUser, 2048, atMost: true, "B") ? 0 : 1;
    }

    private static double Measure(int users, bool clientIds)
    {
        var options = new EventStreamOptions { Items = 20_000, Users = users, EventsPerUser = 200, ClientIds = clientIds };
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default);
        foreach (var item in CatalogMother.Items(options.Items)) state.UpsertItem(item);
        // Intern every item id before the baseline so that cost is not charged to users.
        var generator = new EventStreamGenerator(1, options);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        // User by user: only one generator cursor is alive, so nothing but state survives to the second reading.
        foreach (var e in generator.ByUser()) state.Apply(e);
        long after = GC.GetTotalMemory(forceFullCollection: true);

        double perUser = (double)(after - before) / users;
        Console.WriteLine($"memory, {users:N0} users × 200 events, {(clientIds ? "client ids (de-duplicated)" : "generated ids")}:");
        Report.Line("state users", state.UserCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Report.Line("heap growth", $"{(after - before) / 1048576.0:N1} MiB");
        Report.Line("bytes per user", $"{perUser:N0} B");
        GC.KeepAlive(state);
        GC.KeepAlive(generator);
        return perUser;
    }
}
