using LiveRank.Domain;
using LiveRank.Semantics;
using LiveRank.State;
using LiveRank.Testing;
using LiveRank.Text;

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
        Measure(users, clientIds: false, semantic: true);
        return Report.Target("bytes per user (200 events, generated ids)", perUser, 2048, atMost: true, "B") ? 0 : 1;
    }

    /// <param name="semantic">With LM profiles: items carry random 384-d vectors (set before the baseline, so they are
    /// not charged to users) and each user's session and long-term profiles and a narrative vector are counted.</param>
    private static double Measure(int users, bool clientIds, bool semantic = false)
    {
        var options = new EventStreamOptions { Items = 20_000, Users = users, EventsPerUser = 200, ClientIds = clientIds };
        var semanticState = semantic
            ? new SemanticState(new SemanticOptions { QueueCapacity = 1 }, "random-384", 384, EmbeddingCache.None("random-384", 384), ItemTemplate.Generic.Render)
            : null;
        var state = new LiveState(new StateOptions(), EventTypeRegistry.Default, semanticState);
        foreach (var item in CatalogMother.Items(options.Items)) state.UpsertItem(item);
        if (semanticState is not null)
        {
            var vector = new float[384];
            var random = new Random(1);
            for (int i = 0; i < state.ItemCount; i++)
            {
                for (int d = 0; d < vector.Length; d++) vector[d] = (float)(random.NextDouble() - 0.5);
                semanticState.Items.Set(i, vector, (ulong)i + 1);
            }
        }
        // Intern every item id before the baseline so that cost is not charged to users.
        var generator = new EventStreamGenerator(1, options);
        long before = GC.GetTotalMemory(forceFullCollection: true);

        // User by user: only one generator cursor is alive, so nothing but state survives to the second reading.
        foreach (var e in generator.ByUser()) state.Apply(e);
        if (semanticState is not null)
        {
            var unit = new float[384];
            unit[0] = 1;
            foreach (string user in state.Users.Keys) state.SetNarrative(user, unit, 1); // the narrative vector every user gets
        }
        long after = GC.GetTotalMemory(forceFullCollection: true);

        double perUser = (double)(after - before) / users;
        Console.WriteLine($"memory, {users:N0} users × 200 events, {(clientIds ? "client ids (de-duplicated)" : "generated ids")}{(semantic ? ", with LM profiles (2 × float32 + float16 narrative, 384 d)" : "")}:");
        Report.Line("state users", state.UserCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        Report.Line("heap growth", $"{(after - before) / 1048576.0:N1} MiB");
        Report.Line("bytes per user", $"{perUser:N0} B");
        long coVisitation = CoVisitationBytes(state);
        Report.Line("  of which co-visitation lists (item-side)", $"{(double)coVisitation / users:N0} B ({coVisitation / 1048576.0:N1} MiB, bounded by items × CoVisitationPerItem)");
        Report.Line("  user state without co-visitation", $"{(double)(after - before - coVisitation) / users:N0} B");
        GC.KeepAlive(state);
        GC.KeepAlive(generator);
        return perUser;
    }

    /// <summary>
    /// Estimated heap bytes of every item's co-visitation list: object (40 B) and two arrays (24 B header each,
    /// 4 B per entry); capacity follows the list's growth (4, 8, 16, … up to the configured maximum).
    /// </summary>
    private static long CoVisitationBytes(LiveState state)
    {
        long total = 0;
        var items = state.Items;
        int max = state.Options.CoVisitationPerItem;
        for (int i = 0; i < state.ItemCount; i++)
        {
            if (items[i].Followers is not { } list) continue;
            int capacity = 4;
            while (capacity < list.Count) capacity = Math.Min(max, capacity * 2);
            total += 40 + 2 * (24 + RoundUp8(4L * capacity));
        }
        return total;
    }

    private static long RoundUp8(long bytes) => (bytes + 7) & ~7L;
}
