using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

public sealed class BprTests
{
    [Fact]
    public void Gradient_MatchesFiniteDifferences()
    {
        var random = new Random(7);
        float[] p = Draw(random, 5), qi = Draw(random, 5), qj = Draw(random, 5);
        float bi = 0.3f, bj = -0.2f, reg = 0.05f;
        var dp = new float[5];
        var dqi = new float[5];
        var dqj = new float[5];

        BprBaseline.Gradient(p, qi, qj, bi, bj, reg, dp, dqi, dqj, out float dbi, out float dbj);

        double Loss() => BprBaseline.Loss(p, qi, qj, bi, bj, reg);
        for (int f = 0; f < 5; f++)
        {
            Assert.Equal(Numeric(p, f, Loss), dp[f], 3);
            Assert.Equal(Numeric(qi, f, Loss), dqi[f], 3);
            Assert.Equal(Numeric(qj, f, Loss), dqj[f], 3);
        }
        const float h = 1e-3f;
        double up, down;
        bi += h; up = Loss(); bi -= 2 * h; down = Loss(); bi += h;
        Assert.Equal((up - down) / (2 * h), dbi, 3);
        bj += h; up = Loss(); bj -= 2 * h; down = Loss(); bj += h;
        Assert.Equal((up - down) / (2 * h), dbj, 3);
    }

    [Fact]
    public void Loss_IsLogisticPlusL2()
    {
        // x̂ = p·(qi − qj) + bi − bj = 1·(2 − 0) + 0 = 2; −ln σ(2) = ln(1 + e^−2); L2 = (1 + 4 + 0)·0.1/2.
        double loss = BprBaseline.Loss([1f], [2f], [0f], 0, 0, 0.1);

        Assert.Equal(Math.Log(1 + Math.Exp(-2)) + 0.25, loss, 10);
    }

    [Fact]
    public void Fit_SameSeed_SameScores_AndLearnsCoOccurrence()
    {
        // Items 0 and 1 always go together, items 2 and 3 too; user 0 holds 0 only (plus filler 4) and should prefer 1 to 3.
        int[][] sequences = [[0, 4], [0, 1], [0, 1], [1, 0], [2, 3], [2, 3], [3, 2], [0, 1, 5], [2, 3, 5]];
        var training = new TrainingSet(6, sequences);
        var a = new BprBaseline(factors: 8, learningRate: 0.1, regularization: 0.001, seed: 3, epochs: 300);
        var b = new BprBaseline(factors: 8, learningRate: 0.1, regularization: 0.001, seed: 3, epochs: 300);
        a.Fit(training);
        b.Fit(training);
        var sa = new float[6];
        var sb = new float[6];

        a.ScoreUser(new UserHistory(0, [0, 4]), sa);
        b.ScoreUser(new UserHistory(0, [0, 4]), sb);

        Assert.Equal(sa, sb);
        Assert.True(sa[1] > sa[3], $"score(1) {sa[1]} should beat score(3) {sa[3]}");
    }

    [Fact]
    public void FitWithValidation_KeepsBestEpoch()
    {
        var training = new TrainingSet(4, [[0, 1], [1, 2], [2, 3]]);
        var bpr = new BprBaseline(factors: 4, learningRate: 0.05, regularization: 0.01, seed: 1);
        int calls = 0;
        // A validation score that peaks at epoch 3.
        double best = bpr.FitWithValidation(training, _ => ++calls == 3 ? 1.0 : 0.1);

        Assert.Equal(1.0, best);
        Assert.Equal(3, bpr.Epochs);
        Assert.Equal(BprBaseline.MinEpochs, calls); // no improvement after epoch 3, but the minimum is always trained
    }

    private static float[] Draw(Random random, int n) => [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5))];

    private static double Numeric(float[] values, int index, Func<double> loss)
    {
        const float h = 1e-3f;
        float keep = values[index];
        values[index] = keep + h;
        double up = loss();
        values[index] = keep - h;
        double down = loss();
        values[index] = keep;
        return (up - down) / (2 * h);
    }
}
