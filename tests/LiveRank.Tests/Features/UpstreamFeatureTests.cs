using LiveRank.Domain;
using LiveRank.Features;
using static LiveRank.Testing.StateMother;

namespace LiveRank.Tests.Features;

public class UpstreamFeatureTests
{
    private static float[] Fill(params RankCandidate[] candidates) =>
        FeatureColumn.Fill(new UpstreamFeature(), NewState(), new RankRequest { UserId = "u", Candidates = candidates });

    [Fact]
    public void Fill_AllScored_OrdersByScoreDescending()
    {
        float[] column = Fill(new("a", 0.1), new("b", 0.9), new("c", 0.5));

        // Ranks by score: b 0, c 1, a 2 → 1 − rank/3.
        Assert.Equal(1f / 3, column[0], 1e-6f);
        Assert.Equal(1f, column[1], 1e-6f);
        Assert.Equal(2f / 3, column[2], 1e-6f);
    }

    [Fact]
    public void Fill_OneUnscored_UsesInputPosition()
    {
        float[] column = Fill(new("a", 0.1), new("b"), new("c", 0.5));

        Assert.Equal(1f, column[0], 1e-6f);
        Assert.Equal(2f / 3, column[1], 1e-6f);
        Assert.Equal(1f / 3, column[2], 1e-6f);
    }

    [Fact]
    public void Fill_NonFiniteScore_UsesInputPosition()
    {
        float[] column = Fill(new("a", 0.1), new("b", double.NaN));

        Assert.Equal([1f, 0.5f], column);
    }

    [Fact]
    public void Fill_EqualScores_KeepInputOrder()
    {
        float[] column = Fill(new("a", 0.5), new("b", 0.5), new("c", 0.7), new("d", 0.5));

        Assert.Equal([0.75f, 0.5f, 1f, 0.25f], column);
    }
}
