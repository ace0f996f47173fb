using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

/// <summary>Small hand-made datasets.</summary>
internal static class Synthetic
{
    /// <summary>Each string is one user's items in time order (timestamps 1, 2, 3, …).</summary>
    public static InteractionDataset Sequences(params string[][] users) =>
        InteractionDataset.FromRecords("synthetic",
            users.SelectMany((items, u) => items.Select((item, t) => ($"u{u}", item, (long)(t + 1)))));

    /// <summary>Catalog filler: users with two items each, too short for a holdout, so never evaluated.</summary>
    public static string[][] Filler(int items) =>
        [.. Enumerable.Range(0, (items + 1) / 2).Select(p => new[] { $"x{2 * p}", $"x{2 * p + 1}" })];

    public static LeaveOneOutSplit Split(params string[][] users) => LeaveOneOutSplit.Create(Sequences(users), kCore: 0);

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LiveRank.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LiveRank.slnx not found above the test binaries.");
    }
}
