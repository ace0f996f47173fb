using LiveRank.Domain;
using LiveRank.Scoring.Models;
using LiveRank.Semantics;
using LiveRank.Text;
using LiveRank.Text.Encoders;
using LiveRank.Training.Models;

namespace LiveRank.Evaluation.Replay;

/// <summary>
/// P3 with the trained model: trains a <see cref="RankingModel"/> on the plan's events before the cut only (the same
/// <see cref="EventTrainingLog"/> and <see cref="ModelTrainer"/> as <c>liverank train --dataset</c>), so nothing after
/// the cut is in its statistics; the replay's server then serves it for both passes.
/// </summary>
public static class ReplayModel
{
    /// <param name="vectorCache">The LM vector cache folder; the server reads the same one, so nothing is encoded twice.</param>
    public static ModelTrainingResult Train(ReplayPlan plan, ItemTemplate template, string vectorCache, ModelTrainingOptions options,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var log = EventTrainingLog.Build($"{plan.DatasetName} before {plan.Cut:yyyy-MM-dd HH:mm:ss}Z", plan.Items, plan.Training, EventTypeRegistry.Default);
        if (options.UseLanguageModel)
        {
            var byId = plan.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
            using var encoder = EncoderFactory.Create(new EncoderOptions());
            using var cache = EmbeddingCache.Open(vectorCache, encoder.ModelId, encoder.Dimension);
            var items = log.ItemIds.Select(id => byId.GetValueOrDefault(id)).ToArray();
            var vectors = ItemTextVectors.Load(items, template, encoder, cache, new Progress<string>(line => progress?.Invoke(line)), cancellationToken);
            log = log.WithVectors(vectors, encoder.Dimension, encoder.ModelId);
        }
        progress?.Invoke($"P3: training the model on {log.UserCount:N0} users, {log.InteractionCount:N0} interactions before the cut…");
        return ModelTrainer.Train(log, options, new Progress<TrainingProgress>(p => progress?.Invoke(p.Line)), cancellationToken);
    }
}
