using LiveRank.Domain;
using LiveRank.Evaluation.Data;

namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// The P1/P2 split: iterative k-core, then per user sort by (timestamp, item id); the last item is the test
/// target, the second-last the validation target, the rest training. Users and items are re-indexed densely
/// (in order of their first id in the source dataset) after the k-core.
/// </summary>
public sealed class LeaveOneOutSplit
{
    private LeaveOneOutSplit(string datasetName, string[] userIds, string[] itemIds, int[][] sequences, long[][] timestamps,
        Item?[]? items, int interactionCount)
    {
        DatasetName = datasetName;
        UserIds = userIds;
        ItemIds = itemIds;
        Sequences = sequences;
        Timestamps = timestamps;
        Items = items;
        InteractionCount = interactionCount;
    }

    public string DatasetName { get; }
    public string[] UserIds { get; }
    public string[] ItemIds { get; }

    /// <summary>Each user's items in (timestamp, item id) order, test item last.</summary>
    public int[][] Sequences { get; }

    /// <summary>Unix seconds of each entry of <see cref="Sequences"/> (same shape).</summary>
    public long[][] Timestamps { get; }

    /// <summary>Catalog record of each split item (aligned with <see cref="ItemIds"/>), or null when the dataset has none.</summary>
    public Item?[]? Items { get; }

    public int UserCount => UserIds.Length;
    public int ItemCount => ItemIds.Length;
    public int InteractionCount { get; }

    /// <summary>True when the user has a validation and a test item (at least three interactions).</summary>
    public bool HasHoldout(int user) => Sequences[user].Length >= 3;

    public int TestItem(int user) => Sequences[user][^1];
    public int ValidationItem(int user) => Sequences[user][^2];

    /// <summary>Training items of a user (everything before validation; the whole sequence when there is no holdout).</summary>
    public ReadOnlySpan<int> Train(int user) =>
        HasHoldout(user) ? Sequences[user].AsSpan(0, Sequences[user].Length - 2) : Sequences[user];

    /// <summary>Training plus validation items: the input when the test item is the target.</summary>
    public ReadOnlySpan<int> TrainAndValidation(int user) =>
        HasHoldout(user) ? Sequences[user].AsSpan(0, Sequences[user].Length - 1) : Sequences[user];

    /// <summary>Timestamps of <see cref="Train"/>.</summary>
    public ReadOnlySpan<long> TrainTimes(int user) => Timestamps[user].AsSpan(0, Train(user).Length);

    /// <summary>Timestamps of <see cref="TrainAndValidation"/>.</summary>
    public ReadOnlySpan<long> TrainAndValidationTimes(int user) => Timestamps[user].AsSpan(0, TrainAndValidation(user).Length);

    /// <summary>The input of a holdout run: train (validation target) or train + validation (test target), with times.</summary>
    public UserHistory Input(int user, HoldoutTarget target) => target == HoldoutTarget.Test
        ? new UserHistory(user, TrainAndValidation(user), TrainAndValidationTimes(user))
        : new UserHistory(user, Train(user), TrainTimes(user));

    /// <summary>Training sequences of all users, for fitting when validation is the target.</summary>
    public TrainingSet TrainingSet() => new(ItemCount, [.. Enumerable.Range(0, UserCount).Select(u => Train(u).ToArray())])
    {
        Timestamps = [.. Enumerable.Range(0, UserCount).Select(u => TrainTimes(u).ToArray())],
        Items = Items,
    };

    /// <summary>Training plus validation sequences of all users, for fitting when test is the target.</summary>
    public TrainingSet TrainingAndValidationSet() =>
        new(ItemCount, [.. Enumerable.Range(0, UserCount).Select(u => TrainAndValidation(u).ToArray())])
        {
            Timestamps = [.. Enumerable.Range(0, UserCount).Select(u => TrainAndValidationTimes(u).ToArray())],
            Items = Items,
        };

    public static LeaveOneOutSplit Create(InteractionDataset dataset, int kCore = 5)
    {
        var kept = KCoreFilter.Apply(dataset.Interactions, dataset.UserCount, dataset.ItemCount, kCore);
        var userMap = Remap(kept.Select(x => x.User), dataset.UserCount);
        var itemMap = Remap(kept.Select(x => x.Item), dataset.ItemCount);
        int userCount = userMap.Count(m => m >= 0);
        int itemCount = itemMap.Count(m => m >= 0);
        var userIds = new string[userCount];
        var itemIds = new string[itemCount];
        for (int u = 0; u < userMap.Length; u++) if (userMap[u] >= 0) userIds[userMap[u]] = dataset.UserIds[u];
        for (int i = 0; i < itemMap.Length; i++) if (itemMap[i] >= 0) itemIds[itemMap[i]] = dataset.ItemIds[i];

        var perUser = new List<(long Time, string ItemId, int Item)>[userCount];
        for (int u = 0; u < userCount; u++) perUser[u] = [];
        foreach (var x in kept)
        {
            int item = itemMap[x.Item];
            perUser[userMap[x.User]].Add((x.Timestamp, itemIds[item], item));
        }
        var sequences = new int[userCount][];
        var timestamps = new long[userCount][];
        for (int u = 0; u < userCount; u++)
        {
            // Ties on time are broken by the dataset's item id (numeric when both are numbers: MovieLens ids).
            perUser[u].Sort(static (a, b) =>
            {
                int c = a.Time.CompareTo(b.Time);
                return c != 0 ? c : CompareIds(a.ItemId, b.ItemId);
            });
            sequences[u] = [.. perUser[u].Select(p => p.Item)];
            timestamps[u] = [.. perUser[u].Select(p => p.Time)];
        }
        Item?[]? items = null;
        if (dataset.Items is { } records)
        {
            items = new Item?[itemCount];
            for (int i = 0; i < itemMap.Length; i++) if (itemMap[i] >= 0) items[itemMap[i]] = records[i];
        }
        return new LeaveOneOutSplit(dataset.Name, userIds, itemIds, sequences, timestamps, items, kept.Length);
    }

    internal static int CompareIds(string a, string b) =>
        long.TryParse(a, out long x) && long.TryParse(b, out long y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);

    private static int[] Remap(IEnumerable<int> used, int count)
    {
        var seen = new bool[count];
        foreach (int id in used) seen[id] = true;
        var map = new int[count];
        int next = 0;
        for (int i = 0; i < count; i++) map[i] = seen[i] ? next++ : -1;
        return map;
    }
}
