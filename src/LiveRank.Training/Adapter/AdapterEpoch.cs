namespace LiveRank.Training.Adapter;

/// <summary>One training epoch of <see cref="AdapterTrainer"/>.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainingLoss">Mean sampled-softmax cross-entropy over the epoch's batches, L2 term included.</param>
/// <param name="ValidationNdcg10">Mean NDCG@10 of the validation targets after the epoch; NaN without validation targets.</param>
/// <param name="Elapsed">Wall time of the epoch, validation included.</param>
public sealed record AdapterEpoch(int Epoch, double TrainingLoss, double ValidationNdcg10, TimeSpan Elapsed);
