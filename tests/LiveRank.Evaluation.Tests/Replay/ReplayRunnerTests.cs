using LiveRank.Domain;
using LiveRank.Evaluation.Replay;
using LiveRank.Evaluation.Reports;
using LiveRank.Evaluation.Systems;

namespace LiveRank.Evaluation.Tests.Replay;

public sealed class ReplayRunnerTests
{
    private static readonly ReplayOptions Options = new() { CutQuantile = 0.9, ReplayEvents = 0, Seeds = [1, 2], Negatives = 9, BootstrapResamples = 200 };

    [Fact]
    public void Create_CutsAtTheQuantile_ListsHoldTheTargetAndOnlyUnseenItems()
    {
        var data = FollowerData();
        var plan = ReplayPlan.Create("tiny", data, Options);

        Assert.Equal(180, plan.Training.Count);
        Assert.Equal(20, plan.Replay.Count);
        Assert.Equal(20, plan.Targets.Count);
        Assert.All(plan.Training, e => Assert.True(e.Timestamp < plan.Cut));
        foreach (var target in plan.Targets)
        {
            var e = plan.Replay[target.EventIndex];
            var before = plan.Training.Concat(plan.Replay.Take(target.EventIndex)).Where(x => x.UserId == e.UserId).Select(x => x.ItemId).ToHashSet();
            Assert.Equal(2, target.Lists.Count);
            foreach (var list in target.Lists)
            {
                Assert.Equal(10, list.Length);
                Assert.Equal(10, list.Distinct().Count());
                Assert.Contains(e.ItemId, list);
                Assert.DoesNotContain(list, before.Contains);
            }
        }
    }

    [Fact]
    public void Create_ReplayEventsCap_TakesTheFirstEventsAfterTheCut()
    {
        var plan = ReplayPlan.Create("tiny", FollowerData(), Options with { ReplayEvents = 5 });

        Assert.Equal(20, plan.PostCutEvents);
        Assert.Equal(5, plan.Replay.Count);
        Assert.Equal("v01", plan.Replay[0].UserId);
    }

    [Fact]
    public async Task RunAsync_ItemAlwaysFollowsAnother_LiveBeatsFrozen()
    {
        var plan = ReplayPlan.Create("tiny", FollowerData(), Options);
        await using var service = new InProcessRankingService();

        var result = await ReplayRunner.RunAsync(plan, service, Options, cancellationToken: TestContext.Current.CancellationToken);

        var system = Assert.Single(result.Report.Systems);
        double live = system.Metric("NDCG@10.live")!.Mean;
        double frozen = system.Metric("NDCG@10.frozen")!.Mean;
        // Half the targets are B right after A: live, the co-visitation A → B learned before the cut puts B first.
        Assert.True(live > frozen + 0.2, $"live {live:F4}, frozen {frozen:F4}");
        var paired = result.Report.PairedTests.Single(t => t.Metric == "NDCG@10");
        Assert.True(paired.Result.Low > 0, $"CI [{paired.Result.Low:F4}, {paired.Result.High:F4}]");
        Assert.Equal(20, result.Timings.EventsSent);
        Assert.Equal(20, result.Timings.VisibleOnFirstRead);
    }

    [Fact]
    public async Task RunAsync_SameSeeds_ByteIdenticalReportJson()
    {
        var data = FollowerData();
        async Task<byte[]> RunOnce()
        {
            await using var service = new InProcessRankingService();
            var result = await ReplayRunner.RunAsync(ReplayPlan.Create("tiny", data, Options), service, Options, cancellationToken: TestContext.Current.CancellationToken);
            return ReportWriter.ToJson(result.Report);
        }

        byte[] first = await RunOnce();
        byte[] second = await RunOnce();

        Assert.Equal(first, second);
        string json = System.Text.Encoding.UTF8.GetString(first);
        Assert.Contains("\"protocol\": \"P3\"", json);
        Assert.Contains("\"NDCG@10.live\"", json);
        Assert.Contains("\"NDCG@10.frozen\"", json);
    }

    [Fact]
    public async Task ToMarkdown_ShowsLiveFrozenAndDelays()
    {
        var plan = ReplayPlan.Create("tiny", FollowerData(), Options);
        await using var service = new InProcessRankingService();
        var result = await ReplayRunner.RunAsync(plan, service, Options, cancellationToken: TestContext.Current.CancellationToken);

        string md = ReplayReportWriter.ToMarkdown(result, "liverank evaluate …");

        Assert.Contains("| NDCG@10 |", md);
        Assert.Contains("Visible on the first read right after the acknowledgement: 20 of 20 events.", md);
    }

    /// <summary>
    /// 20 items in one genre. Before the cut: five users click A then B a minute later (A → B co-visitation), and
    /// filler users click X00..X16 ten times each, so B is far less popular than the negatives. After the cut: ten new
    /// users click A then B. Frozen, B is a cold user's unpopular candidate; live, it follows the A just sent.
    /// </summary>
    internal static LiveRankData FollowerData()
    {
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        void AddItem(string id) => items[id] = new Item { Id = id, Title = "Film " + id, Categories = ["Drama"] };
        AddItem("A");
        AddItem("B");
        for (int x = 0; x < 18; x++) AddItem($"X{x:00}");

        var events = new List<UserEvent>();
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        void Click(string user, string item, DateTimeOffset at) =>
            events.Add(new UserEvent { Id = $"{user}-{item}-{at.ToUnixTimeSeconds()}", Type = "click", UserId = user, ItemId = item, Timestamp = at });
        for (int u = 0; u < 5; u++)
        {
            Click($"c{u}", "A", time);
            Click($"c{u}", "B", time.AddMinutes(1));
            time = time.AddHours(2);
        }
        for (int f = 0; f < 17; f++)
        {
            for (int k = 0; k < 10; k++) Click($"f{f}", $"X{(k + f) % 17:00}", time.AddMinutes(k));
            time = time.AddHours(2);
        }
        for (int v = 1; v <= 10; v++)
        {
            Click($"v{v:00}", "A", time);
            Click($"v{v:00}", "B", time.AddMinutes(1));
            time = time.AddHours(2);
        }
        return new LiveRankData(items, events);
    }
}
