using LiveRank.Domain;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Protocols;
using LiveRank.Evaluation.Systems;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// What a P3 replay sends and asks: the catalog, the events before the time cut (training), the first events after it
/// (the replay, in time order) and, for each replayed interaction, the candidate lists to rank before it is sent.
/// </summary>
public sealed record ReplayPlan
{
    /// <summary>Keeps lists apart from the other protocols' random streams.</summary>
    private const int ListPurpose = 31;

    public required string DatasetName { get; init; }
    public required IReadOnlyList<Item> Items { get; init; }
    public required IReadOnlyList<UserEvent> Training { get; init; }
    public required IReadOnlyList<UserEvent> Replay { get; init; }
    public required IReadOnlyList<ReplayTarget> Targets { get; init; }
    public required DateTimeOffset Cut { get; init; }

    /// <summary>Events after the cut, before the <see cref="ReplayOptions.ReplayEvents"/> cap.</summary>
    public int PostCutEvents { get; init; }

    /// <summary>Distinct users and interactions (impressions and skips excluded) in the whole dataset.</summary>
    public int Users { get; init; }

    public int Interactions { get; init; }

    /// <summary>Replayed interactions that are no target: a repeat of an item the user had already interacted with, or an item outside the catalog.</summary>
    public int SkippedTargets { get; init; }

    /// <summary>Items a list may draw from: catalog items with at least one interaction in the dataset.</summary>
    public int NegativePool { get; init; }

    /// <summary>
    /// Cuts <paramref name="data"/> (events in time order) at the <see cref="ReplayOptions.CutQuantile"/> of event time:
    /// events strictly before the cut time train, the rest replay (capped). Each replayed interaction whose item is in
    /// the catalog and new to the user gets, per seed, its item plus <see cref="ReplayOptions.Negatives"/> items drawn
    /// without replacement from the pool, none of which the user interacted with before the event, shuffled.
    /// </summary>
    public static ReplayPlan Create(string datasetName, LiveRankData data, ReplayOptions options)
    {
        if (options.CutQuantile is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(options), "The cut quantile must lie strictly between 0 and 1.");
        if (options.Seeds.Count == 0) throw new ArgumentException("At least one seed is needed.", nameof(options));
        var events = data.Events;
        if (events.Count == 0) throw new ArgumentException("The dataset has no events.", nameof(data));

        var cut = events[Math.Min(events.Count - 1, (int)Math.Floor(options.CutQuantile * events.Count))].Timestamp;
        int firstAfter = 0;
        while (firstAfter < events.Count && events[firstAfter].Timestamp < cut) firstAfter++;
        int postCut = events.Count - firstAfter;
        int replayCount = options.ReplayEvents > 0 ? Math.Min(options.ReplayEvents, postCut) : postCut;

        bool IsInteraction(UserEvent e) => !InteractionDataset.NonInteractionTypes.Contains(e.Type);
        var pool = events.Where(e => IsInteraction(e) && data.Items.ContainsKey(e.ItemId)).Select(e => e.ItemId)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (pool.Length <= options.Negatives) throw new ArgumentException($"Only {pool.Length} items to draw {options.Negatives} negatives from.", nameof(data));

        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> SeenBy(string user)
        {
            if (!seen.TryGetValue(user, out var set)) seen[user] = set = new HashSet<string>(StringComparer.Ordinal);
            return set;
        }
        for (int i = 0; i < firstAfter; i++)
            if (IsInteraction(events[i])) SeenBy(events[i].UserId).Add(events[i].ItemId);

        var replay = new List<UserEvent>(replayCount);
        var targets = new List<ReplayTarget>();
        int skipped = 0;
        for (int j = 0; j < replayCount; j++)
        {
            var e = events[firstAfter + j];
            replay.Add(e);
            if (!IsInteraction(e)) continue;
            var history = SeenBy(e.UserId);
            if (history.Contains(e.ItemId) || !data.Items.ContainsKey(e.ItemId))
            {
                skipped++;
                history.Add(e.ItemId);
                continue;
            }
            var lists = new string[options.Seeds.Count][];
            for (int s = 0; s < lists.Length; s++)
                lists[s] = DrawList(e.ItemId, history, pool, options.Negatives, SeededRandom.For(options.Seeds[s], j, ListPurpose));
            targets.Add(new ReplayTarget(j, lists));
            history.Add(e.ItemId);
        }

        return new ReplayPlan
        {
            DatasetName = datasetName,
            Items = [.. data.Items.Values.OrderBy(i => i.Id, StringComparer.Ordinal)],
            Training = [.. events.Take(firstAfter)],
            Replay = replay,
            Targets = targets,
            Cut = cut,
            PostCutEvents = postCut,
            Users = events.Select(e => e.UserId).Distinct(StringComparer.Ordinal).Count(),
            Interactions = events.Count(IsInteraction),
            SkippedTargets = skipped,
            NegativePool = pool.Length,
        };
    }

    private static string[] DrawList(string target, HashSet<string> history, string[] pool, int negatives, Random random)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal) { target };
        var list = new string[negatives + 1];
        list[0] = target;
        int n = 1;
        int attempts = 0;
        while (n < list.Length)
        {
            if (++attempts > 1000 * list.Length) throw new InvalidOperationException("Too few unseen items to draw a candidate list.");
            string item = pool[random.Next(pool.Length)];
            if (history.Contains(item) || !chosen.Add(item)) continue;
            list[n++] = item;
        }
        for (int i = list.Length - 1; i > 0; i--)
        {
            int k = random.Next(i + 1);
            (list[i], list[k]) = (list[k], list[i]);
        }
        return list;
    }
}
