namespace LiveRank.Testing;

/// <summary>Shape of a synthetic event stream (see <see cref="EventStreamGenerator"/>).</summary>
public sealed record EventStreamOptions
{
    public int Items { get; init; } = 20_000;
    public int Users { get; init; } = 10_000;
    public int EventsPerUser { get; init; } = 200;

    /// <summary>Zipf exponent of item popularity; 1.0 is a typical long tail.</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Chance that the next event of a session goes to a "neighbour" of the previous item, giving co-visitation structure.</summary>
    public double FollowNeighbourProbability { get; init; } = 0.5;

    /// <summary>When true every event carries a client id (so the store de-duplicates it); else ids are generated.</summary>
    public bool ClientIds { get; init; }

    /// <summary>Offset added to user numbers, so two streams can target disjoint users.</summary>
    public int FirstUser { get; init; }
}
