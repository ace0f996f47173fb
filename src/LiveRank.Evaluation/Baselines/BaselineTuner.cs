using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// Picks a baseline's hyperparameters on the validation split only (fit on train, input = train, target = the
/// validation item, P1 full ranking, NDCG@10), then refits the winner on train + validation for the test run.
/// </summary>
public static class BaselineTuner
{
    public const string SelectionMetric = "NDCG@10";

    public static TunedBaseline Tune(string name, FullRankingProtocol protocol, int seed)
    {
        var grid = BaselineCatalog.Grid(name);
        var training = protocol.Split.TrainingSet();
        var fitted = new Dictionary<string, IRecommenderBaseline>(StringComparer.Ordinal);
        IRecommenderBaseline? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var candidate in grid)
        {
            if (!fitted.TryGetValue(candidate.FitKey, out var shared) || !candidate.TryShareFit(shared))
            {
                candidate.Fit(training);
                fitted[candidate.FitKey] = candidate;
            }
            double score = protocol.Evaluate(candidate, HoldoutTarget.Validation, [seed]).Mean(SelectionMetric);
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }
        fitted.Clear();
        best!.Fit(protocol.Split.TrainingAndValidationSet());
        return new TunedBaseline(best, grid.Count, bestScore);
    }
}
