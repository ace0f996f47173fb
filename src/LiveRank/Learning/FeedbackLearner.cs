using System.Collections.Concurrent;
using LiveRank.Domain;
using LiveRank.Scoring;

namespace LiveRank.Learning;

/// <summary>
/// An online correction on top of whatever ranker serves (the heuristic or the trained combiner), learned from feedback:
/// each served list is remembered by its request id; an event that cites the request id and shows interest (a click, a
/// purchase, a good rating) is a click at the position the item was served. Per item it keeps impressions (times shown
/// within <see cref="OnlineLearningOptions.Depth"/>) and clicks weighted by inverse propensity, 1/θ(p) with θ(p) = p^−η:
/// under the examination model (a user looks at position p with chance θ(p), then clicks with the item's appeal a)
/// that estimate of a does not depend on where the item was shown. The served score becomes
/// score + weight · spread · clamp(ln(â / overall rate), −1, 1), the item's appeal shrunk towards the overall rate by a
/// prior. Guards against the feedback loop — the list's top collecting the clicks because it is the top — are that
/// weighting and an exploration share of lists whose top is shuffled. Off by default (<see cref="OnlineLearningOptions"/>);
/// this path allocates per request, which is why it is not on the default hot path. Thread-safe.
/// </summary>
public sealed class FeedbackLearner
{
    private readonly OnlineLearningOptions _options;
    private readonly EventTypeRegistry _types;
    private readonly ConcurrentDictionary<string, ItemFeedback> _items = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ServedList> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _servedOrder = new();
    private readonly Lock _totals = new();
    private readonly Lock _random = new();
    private readonly Random _exploration;
    private double _impressions, _weightedClicks;
    private long _lists, _explored, _clicks;

    public FeedbackLearner(OnlineLearningOptions options, EventTypeRegistry types)
    {
        _options = options;
        _types = types;
        _exploration = new Random(options.Seed);
    }

    public OnlineLearningOptions Options => _options;

    /// <summary>Lists served through the learner, of which <see cref="ExploredLists"/> had their top shuffled.</summary>
    public long ServedLists => Interlocked.Read(ref _lists);

    public long ExploredLists => Interlocked.Read(ref _explored);

    /// <summary>Feedback events that matched a served list and were learned from.</summary>
    public long LearnedClicks => Interlocked.Read(ref _clicks);

    /// <summary>Ranks with <paramref name="ranker"/>, applies the correction and exploration, and remembers the list.</summary>
    public RankResult Rank(IRanker ranker, RankRequest request)
    {
        var full = ranker.Rank(request with { Limit = null });
        return Serve(full, request.Limit);
    }

    /// <summary>As <see cref="Rank"/> for <see cref="IRanker.Recommend"/>.</summary>
    public RankResult Recommend(IRanker ranker, RecommendRequest request) => Serve(ranker.Recommend(request), request.Limit);

    private RankResult Serve(RankResult full, int? limit)
    {
        var items = full.Items;
        int n = items.Count;
        if (n == 0) return full;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (var item in items)
        {
            min = Math.Min(min, item.Score);
            max = Math.Max(max, item.Score);
        }
        float spread = float.IsFinite(max - min) && max > min ? max - min : 1f;
        double rate = OverallRate();
        var scores = new float[n];
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = items[i].Score + (float)(_options.Weight * spread * Correction(items[i].Id, rate));
            order[i] = i;
        }
        // Highest corrected score first; ties keep the ranker's order.
        Array.Sort(order, (a, b) => scores[a] != scores[b] ? scores[b].CompareTo(scores[a]) : a.CompareTo(b));

        int depth = Math.Min(_options.Depth, n);
        bool explore;
        lock (_random)
        {
            explore = _options.ExplorationShare > 0 && _exploration.NextDouble() < _options.ExplorationShare;
            if (explore) _exploration.Shuffle(order.AsSpan(0, depth));
        }
        Interlocked.Increment(ref _lists);
        if (explore) Interlocked.Increment(ref _explored);

        var shown = new string[depth];
        for (int p = 0; p < depth; p++)
        {
            shown[p] = items[order[p]].Id;
            var feedback = _items.GetOrAdd(shown[p], static _ => new ItemFeedback());
            lock (feedback) feedback.Impressions++;
        }
        lock (_totals) _impressions += depth;
        Remember(full.RequestId, new ServedList(shown));

        int count = limit is int l ? Math.Clamp(l, 0, n) : n;
        var ranked = new RankedItem[count];
        for (int r = 0; r < count; r++)
        {
            var item = items[order[r]];
            ranked[r] = new RankedItem(item.Id, scores[order[r]], r + 1) { Contributions = item.Contributions };
        }
        return full with { Items = ranked };
    }

    /// <summary>
    /// Learns from one ingested event: when it cites a remembered request id, shows interest (positive interest weight)
    /// and its item was shown within the depth, it is a click at that position. Each (request, item) counts once.
    /// </summary>
    public bool Observe(UserEvent e)
    {
        if (e.RequestId is not { } requestId || !_served.TryGetValue(requestId, out var list)) return false;
        if (!_types.TryGetId(e.Type, out byte type) || !(_types.InterestWeight(type, e.Value is double v ? (float)v : float.NaN) > 0)) return false;
        int position = Array.IndexOf(list.Items, e.ItemId) + 1;
        if (position == 0) return false;
        lock (list)
        {
            if (!list.Clicked.Add(e.ItemId)) return false;
        }
        double weight = Math.Min(_options.MaxClickWeight, Math.Pow(position, _options.PositionBiasPower));
        var feedback = _items.GetOrAdd(e.ItemId, static _ => new ItemFeedback());
        lock (feedback) feedback.WeightedClicks += weight;
        lock (_totals) _weightedClicks += weight;
        Interlocked.Increment(ref _clicks);
        return true;
    }

    /// <summary>The item's correction in [−1, 1] (0 before any feedback): ln of its estimated appeal over the overall rate.</summary>
    public double Correction(string itemId) => Correction(itemId, OverallRate());

    private double Correction(string itemId, double rate)
    {
        if (!(rate > 0) || !_items.TryGetValue(itemId, out var feedback)) return 0;
        double clicks, impressions;
        lock (feedback)
        {
            clicks = feedback.WeightedClicks;
            impressions = feedback.Impressions;
        }
        double appeal = (clicks + _options.Prior * rate) / (impressions + _options.Prior);
        return Math.Clamp(Math.Log(appeal / rate), -1, 1);
    }

    private double OverallRate()
    {
        lock (_totals) return _impressions > 0 ? _weightedClicks / _impressions : 0;
    }

    private void Remember(string requestId, ServedList list)
    {
        if (!_served.TryAdd(requestId, list)) return;
        _servedOrder.Enqueue(requestId);
        while (_served.Count > _options.ServedLists && _servedOrder.TryDequeue(out var oldest)) _served.TryRemove(oldest, out _);
    }

    private sealed class ItemFeedback
    {
        public double Impressions;
        public double WeightedClicks;
    }

    private sealed class ServedList(string[] items)
    {
        public string[] Items { get; } = items;
        public HashSet<string> Clicked { get; } = new(StringComparer.Ordinal);
    }
}
