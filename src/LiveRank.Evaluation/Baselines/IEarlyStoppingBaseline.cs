using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// A baseline trained by iterations whose count is chosen on validation: <see cref="FitWithValidation"/> trains on
/// the training split, scores validation after each epoch, keeps the best epoch's parameters and remembers that
/// epoch count, so that the later <see cref="IRecommenderBaseline.Fit"/> on train + validation (which has no
/// validation left) trains exactly that long.
/// </summary>
public interface IEarlyStoppingBaseline : IRecommenderBaseline
{
    /// <param name="validate">Validation NDCG@10 of the model as it stands.</param>
    /// <returns>The best validation score reached.</returns>
    double FitWithValidation(TrainingSet training, Func<IRecommenderBaseline, double> validate);
}
