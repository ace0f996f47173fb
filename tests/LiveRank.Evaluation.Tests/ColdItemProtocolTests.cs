using LiveRank.Domain;
using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Protocols;
using LiveRank.Evaluation.Systems;

namespace LiveRank.Evaluation.Tests;

public class ColdItemProtocolTests
{
    /// <summary>300 items in three genres; 60 users with 12 items each, genre-consistent, so many test items exist.</summary>
    private static LeaveOneOutSplit Split()
    {
        var catalog = Enumerable.Range(0, 300).Select(i => new Item { Id = $"i{i}", Title = $"Item {i}", Categories = [$"g{i % 3}"] })
            .ToDictionary(item => item.Id);
        var random = new Random(5);
        var records = new List<(string, string, long)>();
        for (int u = 0; u < 60; u++)
        {
            int genre = u % 3;
            var items = Enumerable.Range(0, 100).Select(k => 3 * k + genre).OrderBy(_ => random.Next()).Take(12).ToList();
            for (int t = 0; t < items.Count; t++) records.Add(($"u{u}", $"i{items[t]}", t + 1));
        }
        return LeaveOneOutSplit.Create(InteractionDataset.FromRecords("synthetic", records, catalog), kCore: 0);
    }

    [Fact]
    public void DrawFor_HoldsOutATenthAndListsOnlyColdTargetsAmongWarmUnseenNegatives()
    {
        var split = Split();
        var protocol = new ColdItemProtocol(split);

        var draw = protocol.DrawFor(1);

        Assert.Equal((int)Math.Round(split.ItemCount * 0.1), draw.Cold.Count(c => c));
        Assert.NotEmpty(draw.Lists);
        foreach (var list in draw.Lists)
        {
            Assert.True(draw.IsCold(list.Target));
            Assert.Equal(split.TestItem(list.User), list.Target);
            Assert.Equal(100, list.Items.Length);
            Assert.Equal(100, list.Items.Distinct().Count());
            var seen = split.Sequences[list.User].ToHashSet();
            Assert.All(list.Items.Where(i => i != list.Target), i => Assert.False(draw.IsCold(i) || seen.Contains(i)));
            Assert.DoesNotContain(protocol.WarmHistory(list.User, draw), draw.IsCold);
        }
    }

    [Fact]
    public void DrawFor_SameSeedSameDraw_OtherSeedOtherColdSet()
    {
        var protocol = new ColdItemProtocol(Split());

        var a = protocol.DrawFor(1);
        var b = protocol.DrawFor(1);
        var c = protocol.DrawFor(2);

        Assert.Equal(a.Cold, b.Cold);
        Assert.Equal(a.Lists.Select(l => l.Items), b.Lists.Select(l => l.Items));
        Assert.NotEqual(a.Cold, c.Cold);
    }

    [Fact]
    public void GenreScorer_ScoresTheShareOfTheCandidatesGenresInTheHistory()
    {
        var split = Split();
        var scorer = new ColdStartScorers.GenreScorer(split);
        int Item(int i) => Array.IndexOf(split.ItemIds, $"i{i}");
        int[] history = [.. new[] { 0, 3, 1 }.Select(Item).Where(i => i >= 0)]; // genres g0, g0, g1 (when in the split)
        var scores = new float[3];

        scorer.Score(0, history, [Item(6), Item(4), Item(2)], scores);

        // Share of each genre among the history's: g0 2/3, g1 1/3, g2 0 (when all three items are in the split).
        if (history.Length == 3)
        {
            Assert.Equal(2f / 3, scores[0], 1e-6f);
            Assert.Equal(1f / 3, scores[1], 1e-6f);
            Assert.Equal(0f, scores[2]);
        }
        Assert.True(scores[0] >= scores[2]);
    }

    [Fact]
    public void Evaluate_GenreBeatsRandomOnGenreConsistentUsers()
    {
        var split = Split();
        var protocol = new ColdItemProtocol(split);
        var draws = new[] { 1, 2, 3 }.Select(protocol.DrawFor).ToList();
        var perSeed = new List<double>();

        var genre = protocol.Evaluate(draws, _ => new ColdStartScorers.GenreScorer(split), perSeed);
        var random = protocol.Evaluate(draws, _ => new ColdStartScorers.RandomScorer());

        Assert.Equal(draws.Sum(d => d.Lists.Length), genre.UserCount);
        Assert.Equal(3, perSeed.Count);
        Assert.True(genre.Mean("NDCG@10") > random.Mean("NDCG@10") + 0.05, $"genre {genre.Mean("NDCG@10"):F3}, random {random.Mean("NDCG@10"):F3}, rows {genre.UserCount}");
    }
}
