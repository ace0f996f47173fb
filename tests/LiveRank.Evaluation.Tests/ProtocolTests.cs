using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Tests;

public sealed class ProtocolTests
{
    private static LeaveOneOutSplit Chain() => Synthetic.Split(
        ["a", "b", "c", "d"],
        ["a", "b", "c", "d"],
        ["b", "c", "d", "e"]);

    [Fact]
    public void FullRanking_ValidationTarget_UsesTrainOnlyInput()
    {
        var split = Chain();
        var protocol = new FullRankingProtocol(split);
        var recorder = new RecordingBaseline();

        protocol.Evaluate(recorder, HoldoutTarget.Validation, [1]);

        Assert.Equal(2, recorder.Inputs[0].Length);   // a, b: train of user 0 (c = validation, d = test)
        Assert.Equal(["a", "b"], recorder.Inputs[0].Select(i => split.ItemIds[i]));
    }

    [Fact]
    public void FullRanking_MaskWindow_ExcludesOnlyRecentHistory()
    {
        // One user a b c d e f: test f, input a..e. The recorder scores by item id, so 'a' (id 0) ranks... highest
        // score is the largest id; masking the last 2 input items (d, e) leaves a, b, c below f.
        var split = Synthetic.Split(["a", "b", "c", "d", "e", "f"]);
        var recorder = new RecordingBaseline { ScoreByNegativeId = true };

        var window = new FullRankingProtocol(split, maskWindow: 2).Evaluate(recorder, HoldoutTarget.Test, [1], wholeHistorySecondary: true);

        // Scores = −id: a(0) > b > c > d > e > f(5). Window mask hides d, e → rank 4; whole mask → rank 1.
        Assert.Equal(1 / Math.Log2(5), window["NDCG@10"][0], 12);
        Assert.Equal(1.0, window["NDCG@10.maskAll"][0], 12);
    }

    [Fact]
    public void Sampled_Lists_HoldTargetAndUnseenNegatives_Deterministically()
    {
        var users = Enumerable.Range(0, 5).Select(u => Enumerable.Range(u, 6).Select(i => $"i{i}").ToArray()).ToArray();
        var split = Synthetic.Split([.. users, .. Synthetic.Filler(150)]);

        var (longLists, shortLists) = SampledCandidates.Draw(split, seed: 42);
        var again = SampledCandidates.Draw(split, seed: 42).Long;

        Assert.Equal(5, longLists.Length);
        foreach (var list in longLists)
        {
            Assert.Equal(100, list.Items.Length);
            Assert.Equal(100, list.Items.Distinct().Count());
            Assert.Equal(split.TestItem(list.User), list.Target);
            Assert.Empty(list.Items.Where((item, i) => i != list.TargetIndex && split.Sequences[list.User].Contains(item)));
        }
        Assert.All(shortLists, l => Assert.Equal(20, l.Items.Length));
        Assert.Equal(longLists[0].Items, again[0].Items);
        // The 1 + 19 negatives are a subset of the 1 + 99 ones.
        Assert.All(shortLists.Zip(longLists), p => Assert.Subset(p.Second.Items.ToHashSet(), p.First.Items.ToHashSet()));
    }

    [Fact]
    public void CandidateFile_RoundTrip_PerfectRankingScoresOne()
    {
        var users = Enumerable.Range(0, 3).Select(u => Enumerable.Range(u * 3, 5).Select(i => $"i{i}").ToArray()).ToArray();
        var split = Synthetic.Split([.. users, .. Synthetic.Filler(120)]);
        var protocol = new SampledRankingProtocol(split);
        string dir = Path.Combine(Path.GetTempPath(), $"liverank-eval-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string candidates = Path.Combine(dir, "candidates.tsv");
            CandidateFile.Write(candidates, split, protocol.Lists(1).Long);
            var lines = File.ReadAllLines(candidates);
            string ranking = Path.Combine(dir, "ranking.tsv");
            File.WriteAllLines(ranking, ["user\titem\tscore", .. lines.Skip(1).Select(l => l.Split('\t')).Select(f => $"{f[0]}\t{f[1]}\t{(f[2] == "1" ? 1 : 0)}")]);

            Assert.Equal("user\titem\tisTarget", lines[0]);
            Assert.Equal(3 * 100 + 1, lines.Length);
            var scorer = new RankingFileScorer("perfect", split, CandidateFile.ReadRanking(ranking));
            var metrics = protocol.Evaluate(scorer, [1]);
            Assert.Equal(1.0, metrics.Mean("NDCG@10"), 12);
            Assert.Equal(1.0, metrics.Mean("c20.NDCG@1"), 12);
            Assert.Equal(0, scorer.MissingScores);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReadRanking_BadScore_NamesTheLine()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["u\ti\t0.5", "u\tj\tlots"]);
            var error = Assert.Throws<FormatException>(() => CandidateFile.ReadRanking(path));
            Assert.Contains(":2:", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class RecordingBaseline : IRecommenderBaseline
    {
        public List<int[]> Inputs { get; } = [];
        public bool ScoreByNegativeId { get; init; }
        public string Name => "recording";
        public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters => [];
        public void Fit(TrainingSet training) { }

        public void Score(ReadOnlySpan<int> history, Span<float> scores)
        {
            Inputs.Add(history.ToArray());
            for (int i = 0; i < scores.Length; i++) scores[i] = ScoreByNegativeId ? -i : 0;
        }
    }
}
