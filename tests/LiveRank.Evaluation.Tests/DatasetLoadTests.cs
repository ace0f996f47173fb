using LiveRank.Evaluation.Data;
using LiveRank.Evaluation.Protocols;
using LiveRank.Testing;

namespace LiveRank.Evaluation.Tests;

/// <summary><c>--dataset KIND:PATH</c> on the hand-written fixtures: the evaluation reads what <c>liverank import</c> reads.</summary>
public sealed class DatasetLoadTests
{
    [Fact]
    public void Load_MovieLens100K_KeepsTitlesGenresAndTimes()
    {
        var dataset = InteractionDataset.Load("movielens:" + TestFixtures.MovieLens100K, TestContext.Current.CancellationToken);

        Assert.Equal("ml-100k", dataset.Name);
        Assert.Equal(3, dataset.UserCount);
        Assert.Equal(6, dataset.ItemCount);
        Assert.Equal(12, dataset.Interactions.Length);
        int misérables = dataset.ItemIds.ToList().IndexOf("4");
        Assert.Equal("Misérables, Les (1995)", dataset.Items![misérables]!.Title);
        Assert.Equal(["Drama", "Musical"], dataset.Items[misérables]!.Categories);

        var split = LeaveOneOutSplit.Create(dataset, kCore: 0);
        int user1 = Array.IndexOf(split.UserIds, "1");
        Assert.Equal(["3", "1", "4", "6"], split.Sequences[user1].Select(i => split.ItemIds[i]));
        Assert.Equal([874965706L, 874965758, 874965800, 874965900], split.Timestamps[user1]);
        Assert.Equal("Toy Story (1995)", split.Items![split.Sequences[user1][1]]!.Title);
    }

    [Fact]
    public void Load_MovieLens1M_Reads()
    {
        var dataset = InteractionDataset.Load("movielens:" + TestFixtures.MovieLens1M, TestContext.Current.CancellationToken);

        Assert.Equal("ml-1m", dataset.Name);
        Assert.Equal(10, dataset.Interactions.Length);
        Assert.Contains(dataset.Items!, i => i!.Title == "Cité des enfants perdus, La (1995)");
    }

    [Fact]
    public void Load_Amazon_DropsUntitledAndRepeatedReviews()
    {
        var dataset = InteractionDataset.Load("amazon:" + TestFixtures.Amazon, TestContext.Current.CancellationToken);

        Assert.Equal("amazon", dataset.Name);
        Assert.Equal(3, dataset.UserCount);
        Assert.Equal(5, dataset.ItemCount);
        Assert.Equal(9, dataset.Interactions.Length); // 10 reviews, one an exact repeat
        Assert.Equal("Rose Face Cream", dataset.Items![dataset.ItemIds.ToList().IndexOf("B001")]!.Title);
    }

    [Fact]
    public void Load_Jsonl_SkipsImpressionsAndUnknownItems()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"liverank-jsonl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "items.jsonl"), """
                {"id":"a","title":"A","categories":["x"]}
                {"id":"b","title":"B"}
                """);
            File.WriteAllText(Path.Combine(dir, "events.jsonl"), """
                {"type":"click","userId":"u","itemId":"a","timestamp":1}
                {"type":"impression","userId":"u","itemId":"b","timestamp":2}
                {"type":"purchase","userId":"u","itemId":"b","timestamp":3}
                {"type":"click","userId":"u","itemId":"zzz","timestamp":4}
                """);

            var dataset = InteractionDataset.Load("jsonl:" + dir, TestContext.Current.CancellationToken);

            Assert.Equal(2, dataset.Interactions.Length);
            Assert.Equal(["x"], dataset.Items![0]!.Categories);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Load_UnknownKind_Throws() =>
        Assert.Throws<ArgumentException>(() => InteractionDataset.Load("netflix:/x", TestContext.Current.CancellationToken));

    [Fact]
    public void ItemVectorText_IsTitleAndGenres()
    {
        var item = new LiveRank.Domain.Item { Id = "1", Title = "Toy Story (1995)", Categories = ["Adventure", "Animation"], Tags = ["pixar"] };

        Assert.Equal("Toy Story (1995). Categories: Adventure, Animation.", Diversity.ItemVectorCache.TextOf(item));
        Assert.Equal("Mr. Nobody.", Diversity.ItemVectorCache.TextOf(item with { Title = "Mr. Nobody.", Categories = [] }));
    }
}
