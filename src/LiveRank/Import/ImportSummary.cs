namespace LiveRank.Import;

/// <summary>What an import did.</summary>
/// <param name="Items">Items upserted (an existing id is replaced, so re-importing counts them again).</param>
/// <param name="EventsAccepted">Events the store accepted as new.</param>
/// <param name="Duplicates">Events skipped because their id was seen before.</param>
/// <param name="Elapsed">Wall time of the whole import, reading included.</param>
public sealed record ImportSummary(long Items, long EventsAccepted, long Duplicates, TimeSpan Elapsed)
{
    /// <summary>Events read (accepted or duplicate) per second of the whole import.</summary>
    public double EventsPerSecond => Elapsed > TimeSpan.Zero ? (EventsAccepted + Duplicates) / Elapsed.TotalSeconds : 0;
}
