using System.Globalization;
using System.Numerics.Tensors;
using LiveRank.State;

namespace LiveRank.Explanations;

/// <summary>
/// Finds, for a ranked item, the items of the user's recent history nearest to it by LM vector (cosine), with what the
/// user did to each: the strongest positive interaction per history item (interest weight: a 5/5 rating beats a view;
/// skips and low ratings are never offered as a reason). Without LM vectors (the language model off, or the item not
/// encoded yet) there are no matches. One instance serves one request: it reads the user's events once.
/// </summary>
public sealed class HistoryExplainer
{
    /// <summary>History items listed per ranked item.</summary>
    public const int MaxMatches = 2;

    /// <summary>Below this cosine a history item is not called similar.</summary>
    public const float MinSimilarity = 0.3f;

    private readonly LiveState _state;
    private readonly List<(int Item, string Interaction, float[] Vector)> _history = [];

    public HistoryExplainer(LiveState state, string userId)
    {
        _state = state;
        var vectors = state.Semantic?.Items;
        if (vectors is null) return;
        var events = new RecentEvent[state.Options.RecentEventsPerUser];
        int count = state.CopyUserEvents(userId, events);
        var strongest = new Dictionary<int, (float Weight, RecentEvent Event)>();
        for (int i = count - 1; i >= 0; i--) // newest first: on equal weight the latest interaction is named
        {
            var e = events[i];
            float weight = state.Types.InterestWeight(e.Type, e.Value);
            if (weight <= 0) continue;
            if (!strongest.TryGetValue(e.ItemIndex, out var best) || weight > best.Weight) strongest[e.ItemIndex] = (weight, e);
        }
        foreach (var (item, (_, e)) in strongest)
        {
            var vector = new float[vectors.Dimension];
            if (!vectors.TryCopy(item, vector)) continue;
            _history.Add((item, Describe(e), vector));
        }
        _history.Sort((a, b) => a.Item.CompareTo(b.Item)); // dictionary order is not stable across runs; this is
    }

    /// <summary>The nearest history items to the item with state index <paramref name="itemIndex"/> (-1: unknown item).</summary>
    public IReadOnlyList<HistoryMatch> Explain(int itemIndex)
    {
        var vectors = _state.Semantic?.Items;
        if (itemIndex < 0 || vectors is null || _history.Count == 0) return [];
        Span<float> query = stackalloc float[vectors.Dimension];
        if (!vectors.TryCopy(itemIndex, query)) return [];
        var matches = new List<(float Similarity, int Item, string Interaction)>();
        foreach (var (item, interaction, vector) in _history)
        {
            if (item == itemIndex) continue;
            float similarity = TensorPrimitives.CosineSimilarity(query, vector);
            if (similarity >= MinSimilarity) matches.Add((similarity, item, interaction));
        }
        matches.Sort((a, b) => a.Similarity != b.Similarity ? b.Similarity.CompareTo(a.Similarity) : a.Item.CompareTo(b.Item));
        var result = new List<HistoryMatch>(Math.Min(MaxMatches, matches.Count));
        for (int i = 0; i < matches.Count && result.Count < MaxMatches; i++)
        {
            var (similarity, item, interaction) = matches[i];
            string id = _state.ItemIds.NameOf(item);
            result.Add(new HistoryMatch(id, _state.GetItem(id)?.Title ?? id, MathF.Round(similarity, 4), interaction));
        }
        return result;
    }

    private string Describe(RecentEvent e)
    {
        var definition = _state.Types.Types[e.Type];
        if (definition.IsRating && !float.IsNaN(e.Value))
        {
            string outOf = _state.Types.Ratings.Max.ToString("0.##", CultureInfo.InvariantCulture);
            return $"rated {e.Value.ToString("0.##", CultureInfo.InvariantCulture)}/{outOf}";
        }
        return definition.Name switch
        {
            "view" => "viewed",
            "click" => "clicked",
            "cart" => "added to cart",
            "purchase" => "bought",
            "like" => "liked",
            _ when definition.IsPurchase => "bought",
            _ => definition.Name.Replace('_', ' ').Replace('-', ' '),
        };
    }
}
