using LiveRank.Domain;
using LiveRank.Policies;
using LiveRank.State;

namespace LiveRank.Tests.Policies;

/// <summary>Ranked lists and policy entries over a small state, for the policy step tests.</summary>
internal static class PolicyFixture
{
    /// <summary>A ranking of <paramref name="ids"/> in that order with scores n, n-1, …, 1.</summary>
    public static RankResult Ranked(params string[] ids)
    {
        var items = new RankedItem[ids.Length];
        for (int i = 0; i < ids.Length; i++) items[i] = new RankedItem(ids[i], ids.Length - i, i + 1);
        return new RankResult("r", "test", items);
    }

    public static List<PolicyEntry> Entries(LiveState state, params string[] ids)
    {
        var entries = new List<PolicyEntry>();
        foreach (var item in Ranked(ids).Items)
        {
            int index = state.ItemIds.TryGet(item.Id, out int i) ? i : -1;
            entries.Add(new PolicyEntry(item, state.GetItem(item.Id), index, item.Score));
        }
        return entries;
    }

    public static string[] Ids(List<PolicyEntry> entries) => [.. entries.Select(e => e.Id)];

    public static string[] Ids(RankResult result) => [.. result.Items.Select(i => i.Id)];

    public static Item Product(string id, string? brand = null, double? stock = null, params string[] categories) => new()
    {
        Id = id,
        Title = "Product " + id,
        Brand = brand,
        Categories = categories,
        Attributes = stock is double s ? new Dictionary<string, AttributeValue> { ["stock"] = AttributeValue.FromNumber(s) } : new Dictionary<string, AttributeValue>(),
        CreatedAt = Testing.StateMother.Epoch,
    };
}
