using LiveRank.Scoring.Adapter;

namespace LiveRank.Training.Adapter;

/// <summary>What <see cref="AdapterTrainer.Train"/> returns: the best epoch's adapter and the run's history.</summary>
public sealed class AdapterTrainingResult
{
    public AdapterTrainingResult(LmAdapter adapter, IReadOnlyList<AdapterEpoch> epochs, int bestEpoch, double bestValidationNdcg10, TimeSpan elapsed)
    {
        Adapter = adapter;
        Epochs = epochs;
        BestEpoch = bestEpoch;
        BestValidationNdcg10 = bestValidationNdcg10;
        Elapsed = elapsed;
    }

    /// <summary>The parameters of <see cref="BestEpoch"/> (the last epoch when there was nothing to validate on).</summary>
    public LmAdapter Adapter { get; }

    /// <summary>Every epoch trained, in order (early stopping may end the run before the option's maximum).</summary>
    public IReadOnlyList<AdapterEpoch> Epochs { get; }

    /// <summary>1-based epoch whose parameters <see cref="Adapter"/> holds.</summary>
    public int BestEpoch { get; }

    /// <summary>Validation NDCG@10 of <see cref="BestEpoch"/>; NaN without validation targets.</summary>
    public double BestValidationNdcg10 { get; }

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan Elapsed { get; }
}
