using LiveRank.Domain;

namespace LiveRank.Policies;

/// <summary>One item of a ranking while policies reorder it: the ranked item, its catalog entry and its state index.</summary>
/// <param name="Ranked">What the ranker returned (score, contributions).</param>
/// <param name="Item">The catalog item; null for a candidate the catalog does not hold.</param>
/// <param name="ItemIndex">The item's index in state; -1 when unknown.</param>
/// <param name="Score">The score after boosts.</param>
public readonly record struct PolicyEntry(RankedItem Ranked, Item? Item, int ItemIndex, float Score)
{
    public string Id => Ranked.Id;
}
