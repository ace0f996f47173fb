using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// Picks a baseline's hyperparameters on the validation split only (fit on train, input = train, target = the
/// validation item, P1 full ranking, NDCG@10), then refits the winner on train + validation for the test run. An
/// <see cref="IEarlyStoppingBaseline"/> also picks its epoch count on validation and is refitted for that many epochs.
/// </summary>
public static class BaselineTuner
{
    public const string SelectionMetric = "NDCG@10";

    /// <param name="progress">Called after each configuration has been scored on validation.</param>
    public static TunedBaseline Tune(string name, FullRankingProtocol protocol, int seed, Action<IRecommenderBaseline>? progress = null)
    {
        var grid = BaselineCatalog.Grid(name);
        var training = protocol.Split.TrainingSet();
        var fitted = new Dictionary<string, IRecommenderBaseline>(StringComparer.Ordinal);
        IRecommenderBaseline? best = null;
        double bestScore = double.NegativeInfinity;
        foreach (var candidate in grid)
        {
            double score;
            if (candidate is IEarlyStoppingBaseline iterative)
            {
                score = iterative.FitWithValidation(training, b => protocol.Evaluate(b, HoldoutTarget.Validation, [seed]).Mean(SelectionMetric));
            }
            else
            {
                if (!fitted.TryGetValue(candidate.FitKey, out var shared) || !candidate.TryShareFit(shared))
                {
                    candidate.Fit(training);
                    fitted[candidate.FitKey] = candidate;
                }
                score = protocol.Evaluate(candidate, HoldoutTarget.Validation, [seed]).Mean(SelectionMetric);
            }
            progress?.Invoke(candidate);
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
