namespace LiveRank.Policies;

/// <summary>The filter step: drops purchased items, items seen within the window and items matching an exclusion.</summary>
public static class CandidateFilter
{
    public static void Apply(List<PolicyEntry> entries, RankingPolicy policy, UserExposure exposure)
    {
        if (!policy.ExcludePurchased && policy.ExcludeSeenWithin is null && policy.Exclude.Count == 0) return;
        entries.RemoveAll(e => Excluded(e, policy, exposure));
    }

    /// <summary>Whether one entry is filtered out (pinned items added after ranking pass through here too).</summary>
    public static bool Excluded(in PolicyEntry entry, RankingPolicy policy, UserExposure exposure)
    {
        if (policy.ExcludePurchased && exposure.Purchased(entry.ItemIndex)) return true;
        if (policy.ExcludeSeenWithin is not null && exposure.SeenRecently(entry.ItemIndex)) return true;
        foreach (var condition in policy.Exclude)
            if (condition.Matches(entry.Item)) return true;
        return false;
    }
}
