using LiveRank.Domain;

namespace LiveRank.Testing;

/// <summary>Rerank requests whose candidates mix popular items, tail items and ids the catalog has never seen.</summary>
public static class RankRequestMother
{
    /// <summary>
    /// <paramref name="count"/> distinct candidates: 30% from the 300 most popular items, 50% from the tail,
    /// 20% unknown ids; no upstream scores (so the upstream prior is the request order).
    /// </summary>
    public static RankRequest Mixed(EventStreamGenerator stream, string userId, int count = 100, int seed = 1)
    {
        var random = new SplitMix64((ulong)seed * 0x9E3779B97F4A7C15UL + 7);
        int items = stream.Options.Items;
        int popular = count * 3 / 10, unknown = count / 5;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<RankCandidate>(count);
        while (candidates.Count < count)
        {
            int k = candidates.Count;
            string id = k < popular ? CatalogMother.ItemId(stream.ItemAtRank(random.Next(Math.Min(300, items))))
                : k < count - unknown ? CatalogMother.ItemId(stream.ItemAtRank(random.Next(Math.Min(300, items - 1), items)))
                : CatalogMother.UnknownItemId(random.Next(1_000_000));
            if (seen.Add(id)) candidates.Add(new RankCandidate(id));
        }
        // Shuffle so the upstream order does not group the three kinds.
        for (int i = candidates.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        return new RankRequest { UserId = userId, Candidates = candidates };
    }
}
