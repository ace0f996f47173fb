using LiveRank.Evaluation.Protocols;

namespace LiveRank.Evaluation.Baselines;

/// <summary>
/// A system under test in the offline protocols: fitted on training sequences (with times and item records when the
/// dataset has them), then scores every item (or a candidate list) for a user's time-ordered history. Scoring must be safe to call concurrently after fitting.
/// </summary>
public interface IRecommenderBaseline
{
    /// <summary>System name as reports use it (<c>pop</c>, <c>itemknn</c>, …).</summary>
    string Name { get; }

    /// <summary>Hyperparameters of this instance, for the report.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Hyperparameters { get; }

    void Fit(TrainingSet training);

    /// <summary>
    /// The hyperparameters that change what <see cref="Fit"/> learns; two instances with equal keys can share one
    /// fit (see <see cref="TryShareFit"/>). The default is all hyperparameters, so nothing is shared by mistake.
    /// </summary>
    string FitKey => string.Join(';', Hyperparameters.Select(p => p.Key + "=" + p.Value));

    /// <summary>Adopts the fitted state of an instance with the same <see cref="FitKey"/>; false when not supported.</summary>
    bool TryShareFit(IRecommenderBaseline fitted) => false;

    /// <summary>Writes a score for every item (length = item count) from the input items alone; higher ranks first.</summary>
    void Score(ReadOnlySpan<int> history, Span<float> scores);

    /// <summary>
    /// Writes a score for every item for a known user: the protocols call this one. The default reads only the
    /// items; a system that needs the user (factor models) or the times (recency, sessions) overrides it.
    /// </summary>
    void ScoreUser(in UserHistory history, Span<float> scores) => Score(history.Items, scores);

    /// <summary>Scores only <paramref name="candidates"/>; the default scores everything and picks.</summary>
    void ScoreCandidates(in UserHistory history, ReadOnlySpan<int> candidates, Span<float> scores, Span<float> allItems)
    {
        ScoreUser(history, allItems);
        for (int i = 0; i < candidates.Length; i++) scores[i] = allItems[candidates[i]];
    }
}
