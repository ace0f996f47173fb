namespace LiveRank.Training.Adapter;

/// <summary>One training example: position <see cref="Position"/> (≥ 1) of user <see cref="User"/>'s sequence is the
/// positive, the up to k items before it the history.</summary>
internal readonly record struct AdapterExample(int User, int Position);
