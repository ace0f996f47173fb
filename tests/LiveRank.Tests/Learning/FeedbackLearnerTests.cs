using LiveRank.Domain;
using LiveRank.Learning;
using LiveRank.Scoring;

namespace LiveRank.Tests.Learning;

/// <summary>
/// The online correction learns from a synthetic feedback stream: users look at position p with chance 1/p and then
/// click with the item's appeal (the examination model). Seeds are fixed, so every run draws the same clicks.
/// </summary>
public class FeedbackLearnerTests
{
    private static readonly string[] Items = [.. Enumerable.Range(0, 10).Select(i => $"i{i}")];

    [Fact]
    public void ClicksOnAnAppealingItemAtTheBottom_MoveItToTheTop()
    {
        var learner = new FeedbackLearner(new OnlineLearningOptions { Enabled = true, Weight = 2, ExplorationShare = 0.05 }, EventTypeRegistry.Default);
        var appeal = Items.ToDictionary(i => i, i => i == "i9" ? 0.6 : 0.1);

        var first = learner.Rank(new FixedRanker(), Request());
        Simulate(learner, appeal, lists: 5_000, seed: 3);
        var last = learner.Rank(new FixedRanker(), Request());

        Assert.Equal("i9", first.Items[^1].Id);
        Assert.Equal("i9", last.Items[0].Id);
        Assert.True(learner.Correction("i9") > 0.5, $"correction {learner.Correction("i9"):F3}");
        Assert.True(learner.LearnedClicks > 0);
    }

    [Fact]
    public void InversePropensityWeighting_KeepsEqualItemsEqual_WhereRawClicksEntrenchTheTop()
    {
        var appeal = Items.ToDictionary(i => i, _ => 0.3);
        var guarded = new FeedbackLearner(new OnlineLearningOptions { Enabled = true, ExplorationShare = 0, PositionBiasPower = 1 }, EventTypeRegistry.Default);
        var naive = new FeedbackLearner(new OnlineLearningOptions { Enabled = true, ExplorationShare = 0, PositionBiasPower = 0 }, EventTypeRegistry.Default);

        Simulate(guarded, appeal, lists: 5_000, seed: 5);
        Simulate(naive, appeal, lists: 5_000, seed: 5);

        // Raw clicks credit the top for being the top: i0 looks 10× as appealing as i9, and the loop keeps it there.
        Assert.True(naive.Correction("i0") - naive.Correction("i9") > 1, $"naive {naive.Correction("i0"):F3} vs {naive.Correction("i9"):F3}");
        foreach (string item in Items)
            Assert.InRange(guarded.Correction(item), -0.25, 0.25);
    }

    [Fact]
    public void ExplorationShare_ShufflesThatShareOfListsWithinTheDepth()
    {
        var learner = new FeedbackLearner(new OnlineLearningOptions { Enabled = true, ExplorationShare = 0.2, Depth = 5 }, EventTypeRegistry.Default);
        int reordered = 0;
        for (int i = 0; i < 2_000; i++)
        {
            var ranked = learner.Rank(new FixedRanker(), Request());
            string[] top = [.. ranked.Items.Take(5).Select(r => r.Id)];
            Assert.Equal(Items.Take(5), top.Order(StringComparer.Ordinal)); // only the shown top is shuffled
            Assert.Equal(Items.Skip(5), ranked.Items.Skip(5).Select(r => r.Id));
            if (!top.SequenceEqual(Items.Take(5))) reordered++;
        }
        Assert.InRange(learner.ExploredLists, 320, 480); // 2,000 × .2 = 400; ± 4.5 standard deviations
        Assert.True(reordered <= learner.ExploredLists && reordered >= learner.ExploredLists * 0.9);
    }

    [Fact]
    public void Observe_IgnoresEventsWithoutAServedListOrInterest()
    {
        var learner = new FeedbackLearner(new OnlineLearningOptions { Enabled = true, ExplorationShare = 0 }, EventTypeRegistry.Default);
        var served = learner.Rank(new FixedRanker(), Request());

        Assert.False(learner.Observe(Event("click", "i1", requestId: null)));
        Assert.False(learner.Observe(Event("click", "i1", requestId: "unknown")));
        Assert.False(learner.Observe(Event("skip", "i1", served.RequestId)));
        Assert.False(learner.Observe(Event("click", "not-shown", served.RequestId)));
        Assert.True(learner.Observe(Event("click", "i1", served.RequestId)));
        Assert.False(learner.Observe(Event("purchase", "i1", served.RequestId))); // each (request, item) counts once
        Assert.Equal(1, learner.LearnedClicks);
    }

    [Fact]
    public void Rank_KeepsLimitAndRequestId()
    {
        var learner = new FeedbackLearner(new OnlineLearningOptions { Enabled = true }, EventTypeRegistry.Default);
        var ranked = learner.Rank(new FixedRanker(), Request() with { Limit = 3 });
        Assert.Equal(3, ranked.Items.Count);
        Assert.Equal([1, 2, 3], ranked.Items.Select(i => i.Rank));
        Assert.Equal(FixedRanker.RequestId, ranked.RequestId[..FixedRanker.RequestId.Length]);
    }

    private static void Simulate(FeedbackLearner learner, Dictionary<string, double> appeal, int lists, int seed)
    {
        var random = new Random(seed);
        var ranker = new FixedRanker();
        for (int l = 0; l < lists; l++)
        {
            var served = learner.Rank(ranker, Request());
            for (int p = 0; p < served.Items.Count && p < learner.Options.Depth; p++)
            {
                string item = served.Items[p].Id;
                if (random.NextDouble() < 1.0 / (p + 1) * appeal[item]) learner.Observe(Event("click", item, served.RequestId));
            }
        }
    }

    private static RankRequest Request() => new() { UserId = "u", Candidates = [.. Items.Select(i => new RankCandidate(i))] };

    private static UserEvent Event(string type, string item, string? requestId) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Type = type, UserId = "u", ItemId = item, RequestId = requestId, Timestamp = DateTimeOffset.UnixEpoch,
    };

    /// <summary>Ranks the candidates in the order given, scores 10, 9, …; a new request id each call.</summary>
    private sealed class FixedRanker : IRanker
    {
        public const string RequestId = "fixed-";
        private static int s_next;

        public string Model => "fixed";

        public RankResult Rank(RankRequest request)
        {
            var items = request.Candidates.Select((c, i) => new RankedItem(c.Id, request.Candidates.Count - i, i + 1)).ToList();
            int limit = request.Limit ?? items.Count;
            return new RankResult(RequestId + Interlocked.Increment(ref s_next), Model, items[..limit]);
        }

        public RankResult Recommend(RecommendRequest request) => throw new NotSupportedException();
    }
}
