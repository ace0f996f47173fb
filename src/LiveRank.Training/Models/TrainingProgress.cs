namespace LiveRank.Training.Models;

/// <summary>A step of <see cref="ModelTrainer"/>: which stage, how far through the whole run (0..1), and a printable line.</summary>
public sealed record TrainingProgress(string Stage, double Fraction, string Line);
