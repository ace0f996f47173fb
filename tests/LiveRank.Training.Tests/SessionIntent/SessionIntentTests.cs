using LiveRank.Domain;
using LiveRank.Scoring;
using LiveRank.State;
using static LiveRank.Training.Tests.SessionIntent.MovieLensWorld;

namespace LiveRank.Training.Tests.SessionIntent;

/// <summary>
/// A user's current intent moves the next ranking, on real ml-latest-small films, for the heuristic ranker and for a
/// trained model. The assertions are about rank movement (before against after), never exact scores.
/// </summary>
public sealed class SessionIntentTests(MovieLensWorld world) : IClassFixture<MovieLensWorld>
{
    public static TheoryData<string> Rankers => ["heuristic", "trained"];

    /// <summary>
    /// The genre shift and the session break hold for the heuristic only: the trained model of this fixture (40 users, no
    /// LM) ranks the three clicks' genre no higher (animation's mean rank 11.4 → 12.3) — its features read the sequence
    /// through co-visitation, which three clicks of popular films barely move. Recorded as an open gap in docs/realtime.md.
    /// With <see cref="MovieLensWorld.ModelVariable"/> naming a model file, they run for that model too.
    /// </summary>
    public static TheoryData<string> HeuristicOnly => ModelFile is null ? ["heuristic"] : ["heuristic", "trained"];

    [Theory]
    [MemberData(nameof(HeuristicOnly))]
    public void ThreeClicksInAnotherGenre_MoveThatGenreUpInAMixedList(string kind)
    {
        var state = world.NewState();
        var ranker = world.Ranker(kind, state);
        WatchHorror(state, "fan");
        string[] list = Interleave(HorrorCandidates, AnimationCandidates);

        var before = Ranks(ranker, "fan", list);
        Click(state, "fan", AnimationClicks, sessionId: "visit-2");
        var after = Ranks(ranker, "fan", list, sessionId: "visit-2");

        double meanBefore = MeanRank(before, AnimationCandidates), meanAfter = MeanRank(after, AnimationCandidates);
        Assert.True(meanAfter < meanBefore - 1, $"{kind}: animation's mean rank {meanBefore:F1} → {meanAfter:F1}");
        Assert.True(TopCount(after, AnimationCandidates, 10) > TopCount(before, AnimationCandidates, 10),
            $"{kind}: animation in the top 10 {TopCount(before, AnimationCandidates, 10)} → {TopCount(after, AnimationCandidates, 10)}");
    }

    [Theory]
    [MemberData(nameof(HeuristicOnly))]
    public void SessionBreak_LetsLongTermTasteReturn(string kind)
    {
        var state = world.NewState();
        var ranker = world.Ranker(kind, state);
        WatchHorror(state, "fan");
        Click(state, "fan", AnimationClicks, sessionId: "visit-2");
        string[] list = Interleave(HorrorCandidates, AnimationCandidates);

        var inSession = Ranks(ranker, "fan", list, sessionId: "visit-2");
        // The next visit: a new session id, hours later by the stream clock.
        state.Apply(Rating("someone-else", Others[0], 4, Start.AddHours(6)));
        var nextVisit = Ranks(ranker, "fan", list, sessionId: "visit-3");

        double during = MeanRank(inSession, HorrorCandidates), after = MeanRank(nextVisit, HorrorCandidates);
        Assert.True(after < during, $"{kind}: horror's mean rank {during:F1} in the animation session → {after:F1} on the next visit");
    }

    [Theory]
    [MemberData(nameof(Rankers))]
    public void Purchase_DemotesTheItemAndItsNearDuplicates(string kind)
    {
        var state = world.NewState();
        var ranker = world.Ranker(kind, state);
        WatchAnimation(state, "parent");
        string[] list = [ToyStory, ToyStory2, ToyStory3, .. AnimationCandidates, .. Others[..7]];
        Assert.Contains(BugsLife, AnimationCandidates);

        Purchase(state, "parent", ToyStory, Start.AddHours(1));
        var after = Ranks(ranker, "parent", list);

        // The bought film and both sequels form the bottom three; A Bug's Life (as close as LM cosine .69) and the other
        // animated films do not follow them down.
        int n = list.Length;
        Assert.True(after[ToyStory] > n - 3, $"{kind}: Toy Story at {after[ToyStory]} of {n}");
        Assert.True(after[ToyStory2] > n - 3, $"{kind}: Toy Story 2 at {after[ToyStory2]} of {n}");
        Assert.True(after[ToyStory3] > n - 3, $"{kind}: Toy Story 3 at {after[ToyStory3]} of {n}");
        Assert.True(after[BugsLife] <= n - 3, $"{kind}: A Bug's Life at {after[BugsLife]} of {n}");
    }

    [Theory]
    [MemberData(nameof(Rankers))]
    public void PurchaseDemotion_EndsAfterTheConfiguredPeriod(string kind)
    {
        var state = world.NewState(new StateOptions { PurchaseDemotion = TimeSpan.FromDays(2), NearDuplicateSimilarity = 0.7 });
        var ranker = world.Ranker(kind, state);
        WatchAnimation(state, "parent");
        string[] list = [ToyStory2, .. AnimationCandidates, .. Others[..7]];
        Purchase(state, "parent", ToyStory, Start.AddHours(1));

        var demoted = Ranks(ranker, "parent", list);
        state.Apply(Rating("someone-else", Others[0], 4, Start.AddDays(3))); // the stream clock moves past the period
        var later = Ranks(ranker, "parent", list);

        Assert.Equal(list.Length, demoted[ToyStory2]);
        Assert.True(later[ToyStory2] < list.Length, $"{kind}: Toy Story 2 still last three days after the purchase");
    }

    [Theory]
    [MemberData(nameof(Rankers))]
    public void Skip_PushesSemanticallySimilarItemsDown(string kind) => AssertDislikePushesSequelsDown(kind, "skip", value: null);

    [Theory]
    [MemberData(nameof(Rankers))]
    public void LowRating_PushesSemanticallySimilarItemsDown(string kind) => AssertDislikePushesSequelsDown(kind, "rating", value: 0.5);

    private void AssertDislikePushesSequelsDown(string kind, string type, double? value)
    {
        var state = world.NewState();
        var ranker = world.Ranker(kind, state);
        WatchOthers(state, "critic");
        string[] list = [.. AlienSequels, .. HorrorCandidates[..5], .. Others[8..]];

        var before = Ranks(ranker, "critic", list);
        state.Apply(new UserEvent { Id = "dislike", Type = type, UserId = "critic", ItemId = Alien, Timestamp = Start.AddHours(2), Value = value });
        var after = Ranks(ranker, "critic", list);

        double sequelsBefore = MeanRank(before, AlienSequels), sequelsAfter = MeanRank(after, AlienSequels);
        Assert.True(sequelsAfter > sequelsBefore, $"{kind}, {type}: Alien's sequels' mean rank {sequelsBefore:F1} → {sequelsAfter:F1}");
    }

    // A long horror history: twenty films rated 4.5–5 over twenty days, ending ten days before the scenario.
    private static void WatchHorror(LiveState state, string user)
    {
        for (int i = 0; i < HorrorHistory.Length; i++)
            state.Apply(Rating(user, HorrorHistory[i], i % 2 == 0 ? 5 : 4.5, Start.AddDays(-30 + i), sessionId: $"history-{i}"));
    }

    // Three animated films (not Toy Story) rated well in the days before.
    private static void WatchAnimation(LiveState state, string user)
    {
        string[] watched = ["588", "364", "2081"];
        for (int i = 0; i < watched.Length; i++) state.Apply(Rating(user, watched[i], 4.5, Start.AddDays(-10 + i)));
    }

    private static void WatchOthers(LiveState state, string user)
    {
        for (int i = 0; i < 8; i++) state.Apply(Rating(user, Others[i], 4, Start.AddDays(-10 + i)));
    }

    private static void Click(LiveState state, string user, string[] items, string sessionId)
    {
        for (int i = 0; i < items.Length; i++)
            state.Apply(new UserEvent { Id = $"{user}-click-{i}", Type = "click", UserId = user, ItemId = items[i], SessionId = sessionId, Timestamp = Start.AddMinutes(2 * i) });
    }

    private static void Purchase(LiveState state, string user, string item, DateTimeOffset at) =>
        state.Apply(new UserEvent { Id = $"{user}-buys-{item}", Type = "purchase", UserId = user, ItemId = item, Timestamp = at });

    private static UserEvent Rating(string user, string item, double value, DateTimeOffset at, string? sessionId = null) =>
        new() { Id = $"{user}-rates-{item}-{at.ToUnixTimeSeconds()}", Type = "rating", UserId = user, ItemId = item, Value = value, Timestamp = at, SessionId = sessionId };

    private static string[] Interleave(string[] a, string[] b) => [.. a.Zip(b).SelectMany(p => new[] { p.First, p.Second })];

    /// <summary>Rank (1 = first) of every candidate; all candidates carry the same upstream score.</summary>
    private static Dictionary<string, int> Ranks(IRanker ranker, string user, string[] list, string? sessionId = null)
    {
        var result = ranker.Rank(new RankRequest
        {
            UserId = user,
            SessionId = sessionId,
            Candidates = [.. list.Select(id => new RankCandidate(id, 0))],
        });
        return result.Items.ToDictionary(i => i.Id, i => i.Rank, StringComparer.Ordinal);
    }

    private static double MeanRank(Dictionary<string, int> ranks, string[] items) => items.Average(i => ranks[i]);

    private static int TopCount(Dictionary<string, int> ranks, string[] items, int k) => items.Count(i => ranks[i] <= k);
}
