namespace LiveRank.Import;

/// <summary>What an import has done so far.</summary>
/// <param name="Phase">Items are imported before events.</param>
/// <param name="Done">Records (items plus events) handed to the store so far.</param>
/// <param name="Total">Estimated records in all, from line counts; null when unknown. <paramref name="Done"/> may pass it slightly.</param>
public readonly record struct ImportProgress(ImportPhase Phase, long Done, long? Total);
