namespace LiveRank.Evaluation.Protocols;

/// <summary>
/// Per-(seed, user, purpose) random streams. <see cref="Random(int)"/> with a seed is stable across processes
/// and platforms, so the same seed gives the same candidate lists and tie-breaks, hence byte-identical reports.
/// </summary>
internal static class SeededRandom
{
    public static Random For(int seed, int user, int purpose) =>
        new(unchecked((seed * 1_000_003) ^ (user * 7_919) ^ (purpose * 104_729)));
}
