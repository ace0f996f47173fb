using LiveRank.Scoring.Models;

namespace LiveRank.Training.Models;

/// <summary>A trained model and what its training measured.</summary>
public sealed record ModelTrainingResult(RankingModel Model, TrainingReport Report);
