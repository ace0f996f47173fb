using LiveRank.Evaluation.Data;

namespace LiveRank.Evaluation.Protocols;

/// <summary>Iterative k-core: drop users and items with fewer than k interactions, repeated until nothing changes.</summary>
public static class KCoreFilter
{
    public static Interaction[] Apply(IReadOnlyList<Interaction> interactions, int userCount, int itemCount, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var alive = new bool[interactions.Count];
        Array.Fill(alive, true);
        var userDegree = new int[userCount];
        var itemDegree = new int[itemCount];
        bool changed = true;
        while (changed)
        {
            Array.Clear(userDegree);
            Array.Clear(itemDegree);
            for (int i = 0; i < interactions.Count; i++)
            {
                if (!alive[i]) continue;
                userDegree[interactions[i].User]++;
                itemDegree[interactions[i].Item]++;
            }
            changed = false;
            for (int i = 0; i < interactions.Count; i++)
            {
                if (!alive[i]) continue;
                var x = interactions[i];
                if (userDegree[x.User] < k || itemDegree[x.Item] < k)
                {
                    alive[i] = false;
                    changed = true;
                }
            }
        }
        var kept = new List<Interaction>(interactions.Count);
        for (int i = 0; i < interactions.Count; i++)
            if (alive[i]) kept.Add(interactions[i]);
        return [.. kept];
    }
}
