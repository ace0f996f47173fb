namespace LiveRank.Evaluation.Protocols;

/// <summary>P1 step 2: on ml-latest-small the 5-core must leave exactly 610 users, 3,650 items, 90,274 interactions.</summary>
public static class MovieLensSmallCheck
{
    public const string DatasetName = "ml-latest-small";
    public const int Users = 610;
    public const int Items = 3_650;
    public const int Interactions = 90_274;

    /// <exception cref="InvalidOperationException">The dataset is ml-latest-small and the split differs from the published counts.</exception>
    public static void Assert(LeaveOneOutSplit split)
    {
        if (!string.Equals(split.DatasetName, DatasetName, StringComparison.OrdinalIgnoreCase)) return;
        if (split.UserCount != Users || split.ItemCount != Items || split.InteractionCount != Interactions)
            throw new InvalidOperationException(
                $"P1 split of {DatasetName} has {split.UserCount:N0} users / {split.ItemCount:N0} items / {split.InteractionCount:N0} interactions; " +
                $"the protocol requires {Users:N0} / {Items:N0} / {Interactions:N0} (is the folder a modified copy?).");
    }
}
