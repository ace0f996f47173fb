using LiveRank.Features;

namespace LiveRank.Tests.Features;

public class ScoreAccumulatorTests
{
    [Fact]
    public void Add_SameKeyTwice_Sums()
    {
        var scores = new ScoreAccumulator(capacity: 4);
        scores.Add(7, 0.5f);
        scores.Add(7, 0.25f);

        Assert.Equal(0.75f, scores.Get(7));
        Assert.Equal(1, scores.Count);
        Assert.Equal(0f, scores.Get(8));
    }

    [Fact]
    public void Add_PastCapacity_GrowsAndMatchesADictionary()
    {
        var scores = new ScoreAccumulator(capacity: 4);
        var reference = new Dictionary<int, float>();
        var random = new Random(3);
        for (int i = 0; i < 5_000; i++)
        {
            int key = random.Next(0, 2_000) * 1024; // keys sharing low bits probe the hash's spread
            float value = random.Next(1, 10);
            scores.Add(key, value);
            reference[key] = reference.GetValueOrDefault(key) + value;
        }

        Assert.Equal(reference.Count, scores.Count);
        foreach (var (key, value) in reference) Assert.Equal(value, scores.Get(key));
    }

    [Fact]
    public void Clear_AfterUse_LeavesEveryKeyAtZero()
    {
        var scores = new ScoreAccumulator(capacity: 8);
        for (int k = 0; k < 6; k++) scores.Add(k, 1);

        scores.Clear();

        Assert.Equal(0, scores.Count);
        for (int k = 0; k < 6; k++) Assert.Equal(0f, scores.Get(k));
        scores.Add(3, 2);
        Assert.Equal(2f, scores.Get(3));
    }
}
