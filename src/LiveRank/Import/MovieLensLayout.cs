namespace LiveRank.Import;

/// <summary>The published MovieLens folder layouts <see cref="MovieLensReader"/> reads.</summary>
public enum MovieLensLayout
{
    /// <summary>latest-small / latest / 20M / 25M: <c>movies.csv</c>, <c>ratings.csv</c>, <c>tags.csv</c>.</summary>
    LatestSmallCsv,

    /// <summary>100K: <c>u.data</c>, <c>u.item</c>, <c>u.genre</c>.</summary>
    Ml100K,

    /// <summary>1M: <c>ratings.dat</c>, <c>movies.dat</c>.</summary>
    Ml1M,
}
