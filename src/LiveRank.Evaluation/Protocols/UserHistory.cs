namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// What a system sees of one user when it ranks: the split's user index (−1 when unknown), the time-ordered input
/// items and, when known, their unix-second timestamps (empty otherwise; else as long as <see cref="Items"/>).
/// </summary>
public readonly ref struct UserHistory
{
    public UserHistory(int user, ReadOnlySpan<int> items, ReadOnlySpan<long> timestamps = default)
    {
        if (!timestamps.IsEmpty && timestamps.Length != items.Length)
            throw new ArgumentException("Timestamps must be empty or one per item.", nameof(timestamps));
        User = user;
        Items = items;
        Timestamps = timestamps;
    }

    public int User { get; }
    public ReadOnlySpan<int> Items { get; }
    public ReadOnlySpan<long> Timestamps { get; }
}
