using LiveRank.Retrieval;
using LiveRank.Scoring.Models;

namespace LiveRank.Training.Tests.Models;

/// <summary>Feature values of a hand-built three-item model, checked against hand-computed numbers.</summary>
public class FeatureBuilderTests
{
    private const uint Day = 86_400;

    private static ItemNeighbours Rows(params Dictionary<int, float>[] rows) => ItemNeighbours.FromRows(rows, perRow: 10);

    private static RankingModel Model() => new()
    {
        Metadata = new ModelMetadata { Name = "hand", Version = 1, TrainedAt = DateTimeOffset.UnixEpoch, Dataset = "hand", EncoderModel = "", Dimension = 0 },
        Settings = new ModelSettings(),
        ItemIds = ["a", "b", "c"],
        // b was met at days 1, 9 and 10; c at day 2; a at day 5.
        Statistics = new ItemStatistics([[5 * Day], [1 * Day, 9 * Day, 10 * Day], [2 * Day]], [1f, 0.5f, -1f], [[0], [0, 1], [1]], ["drama", "comedy"], [10f, float.NaN, 40f]),
        CoVisitation = Rows(new() { [1] = 0.75f, [2] = 0.25f }, new() { [2] = 1f }, new()),
        SymmetricCoVisitation = Rows(new(), new(), new()),
        Markov = Rows(new() { [1] = 1f }, new(), new()),
        Ease = Rows(new(), new(), new()),
        PopularItems = [1, 0, 2],
        MaskedFeatures = new bool[RankingFeatures.Count],
    };

    [Fact]
    public void Fill_HandBuiltModel_GivesHandComputedValues()
    {
        var model = Model();
        var builder = new FeatureBuilder(model);
        var sequence = new UserSequence();
        // The user met b (day 9) then a (day 10 + 600 s); the ranking happens at the newest event's time.
        sequence.Set([1, 0], [9 * Day, 10 * Day + 600], [2f, 2f]);
        builder.Prepare(sequence, new ModelItemSpace(model.Statistics, null, 0));
        int[] candidates = [1, 2];
        var m = new float[2 * RankingFeatures.Count];
        builder.Fill(candidates, default, default, m);
        float F(int feature, int c) => m[feature * 2 + c];

        // covis: newest item a (weight 1) → b 0.75, c 0.25; then b (weight 0.7) → c 1 · 0.7.
        Assert.Equal(0.75f, F(RankingFeatures.RetrieverColumn(RankingFeatures.CoVisitation), 0), 5);
        Assert.Equal(0.25f + 0.7f, F(RankingFeatures.RetrieverColumn(RankingFeatures.CoVisitation), 1), 5);
        Assert.Equal(2f, F(RankingFeatures.RetrieverColumn(RankingFeatures.CoVisitation) + 2, 0)); // rank: c first
        Assert.Equal(0.75f / 0.95f, F(RankingFeatures.RetrieverColumn(RankingFeatures.CoVisitation) + 1, 0), 5);
        // Markov from a only reaches b.
        Assert.Equal(1f, F(RankingFeatures.RetrieverColumn(RankingFeatures.Markov), 0), 5);
        Assert.Equal(0f, F(RankingFeatures.RetrieverColumn(RankingFeatures.Markov), 1), 5);
        // Popularity of b up to day 10 + 600 s: all 3, 7 days: 2 (days 9 and 10), log(1 + count).
        Assert.Equal(MathF.Log(4), F(RankingFeatures.PopularityAll, 0), 5);
        Assert.Equal(MathF.Log(3), F(RankingFeatures.Popularity7d, 0), 5);
        // b's first interaction (day 1) was 9 days and 600 s before.
        Assert.Equal(9f + 600f / Day, F(RankingFeatures.ItemAgeDays, 0), 4);
        Assert.Equal(0.5f, F(RankingFeatures.ItemMeanWeight, 0));
        // Seen: b once, a day and 600 s ago; c never.
        Assert.Equal(1f, F(RankingFeatures.SeenCount, 0));
        Assert.Equal((Day + 600f) / Day, F(RankingFeatures.SeenDaysAgo, 0), 4);
        Assert.Equal(RankingFeatures.Missing, F(RankingFeatures.SeenDaysAgo, 1));
        // Categories: history drama ×2 (a, b), comedy ×1 (b): b = (2/3 + 1/3) / 2; c = (1/3) / 1.
        Assert.Equal(0.5f, F(RankingFeatures.CategoryAffinity, 0), 5);
        Assert.Equal(1f / 3, F(RankingFeatures.CategoryAffinity, 1), 5);
        // User: two events a day and ten minutes apart, so the current session holds one; mean gap ln(1 + 87,000 s).
        Assert.Equal(MathF.Log(3), F(RankingFeatures.UserLength, 0), 5);
        Assert.Equal(1f, F(RankingFeatures.SessionSize, 0));
        Assert.Equal((float)Math.Log(1 + Day + 600.0), F(RankingFeatures.UserMeanGap, 0), 4);
        // No vectors and no adapter: every LM column is missing; no upstream scores either.
        foreach (int f in RankingFeatures.LanguageModelColumns) Assert.Equal(RankingFeatures.Missing, F(f, 1));
        Assert.Equal(RankingFeatures.Missing, F(RankingFeatures.UpstreamScore, 0));
        // Price: c costs 40, the user's priced item a cost 10 → |ln 40 − ln 10|; b has no price.
        Assert.Equal(MathF.Log(4), F(RankingFeatures.PriceDistance, 1), 4);
        Assert.Equal(RankingFeatures.Missing, F(RankingFeatures.PriceDistance, 0));
    }

    [Fact]
    public void Fill_TreatAsCold_HidesInteractionStatistics()
    {
        var model = Model();
        var builder = new FeatureBuilder(model);
        var sequence = new UserSequence();
        sequence.Set([0], [10 * Day], [1f]);
        builder.Prepare(sequence, new ModelItemSpace(model.Statistics, null, 0));
        var m = new float[RankingFeatures.Count];
        builder.Fill([1], default, [true], m);
        Assert.Equal(0f, m[RankingFeatures.RetrieverColumn(RankingFeatures.CoVisitation)]);
        Assert.Equal(0f, m[RankingFeatures.PopularityAll]);
        Assert.Equal(0f, m[RankingFeatures.ItemWarm]);
        Assert.Equal(RankingFeatures.Missing, m[RankingFeatures.ItemAgeDays]);
    }

    [Fact]
    public void Retrieve_UnionsRetrieversWithoutSeenItems()
    {
        var model = Model();
        var builder = new FeatureBuilder(model);
        var sequence = new UserSequence();
        sequence.Set([0], [10 * Day], [1f]);
        builder.Prepare(sequence, new ModelItemSpace(model.Statistics, null, 0));
        var union = new List<int>();
        builder.Retrieve(includeSeen: false, union);
        Assert.Equal([1, 2], union.Order());
        builder.Retrieve(includeSeen: true, union);
        Assert.Contains(0, union);
    }
}
