using LiveRank.Evaluation.Baselines;
using LiveRank.Evaluation.Protocols;
using LiveRank.Scoring.Models;
using LiveRank.Training.Models;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// A trained LiveRank model under test, through the same <see cref="ModelRanker"/> the server's
/// <see cref="LearnedRanker"/> wraps: it re-ranks candidate lists (P2, P4) and, for full ranking (P1, P5), retrieves
/// the union of its retrievers and ranks it (every other item scores −∞: a target the retrievers miss is a miss).
/// With a retriever column set, that retriever's score alone ranks.
/// </summary>
public sealed class LearnedSystem : ICandidateScorer, IRecommenderBaseline
{
    private readonly LeaveOneOutSplit _split;
    private readonly ModelRanker _ranker;
    private readonly SplitItemSpace _space;
    private readonly int _column;
    private readonly Dictionary<(int, int), float> _eventWeights;

    internal LearnedSystem(string name, LeaveOneOutSplit split, LiveRankSetup setup, ModelTrainingResult training, SplitItemSpace space, int column)
    {
        Name = name;
        _split = split;
        Training = training;
        _ranker = new ModelRanker(training.Model);
        _space = space;
        _column = column;
        var weights = LearnedTrainingLog.InterestWeights(setup.Data);
        var users = split.UserIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        var items = split.ItemIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _eventWeights = [];
        foreach (var ((user, item), weight) in weights)
            if (users.TryGetValue(user, out int u) && items.TryGetValue(item, out int i)) _eventWeights[(u, i)] = weight;
    }

    public string Name { get; }

    public ModelTrainingResult Training { get; }

    /// <summary>Users whose full-ranking target the retrievers' union held, and users ranked (P1's retrieval recall).</summary>
    public int UnionHits => _unionHits;
    public int UnionUsers => _unionUsers;
    private int _unionHits;
    private int _unionUsers;

    public IReadOnlyList<KeyValuePair<string, string>> Hyperparameters => LearnedSystems.Describe(this);

    public void Fit(TrainingSet training) { } // trained at construction, on the split the protocol ranks

    public void Score(ReadOnlySpan<int> history, Span<float> scores) => ScoreUser(new UserHistory(-1, history), scores);

    /// <summary>Full ranking: the union of the retrievers, ranked; everything else −∞.</summary>
    public void ScoreUser(in UserHistory history, Span<float> scores)
    {
        var sequence = Sequence(history.User, history.Items, history.Timestamps);
        _ranker.Prepare(sequence, _space);
        var union = new List<int>();
        _ranker.Retrieve(includeSeen: false, union);
        var unionScores = new float[union.Count];
        ScoreCandidates(union.ToArray(), unionScores);
        scores.Fill(float.NegativeInfinity);
        float min = float.MaxValue;
        foreach (float s in unionScores) if (s < min) min = s;
        // Shift above any −∞ and keep order; a NaN (no score) ranks last among the union.
        for (int c = 0; c < union.Count; c++) scores[union[c]] = float.IsNaN(unionScores[c]) ? -1e30f : unionScores[c];
        if (history.User >= 0 && _split.HasHoldout(history.User))
        {
            Interlocked.Increment(ref _unionUsers);
            if (union.Contains(_split.TestItem(history.User))) Interlocked.Increment(ref _unionHits);
        }
    }

    public void Score(int user, ReadOnlySpan<int> history, ReadOnlySpan<int> candidates, Span<float> scores)
    {
        // The protocols pass the input items; their times come from the split (a P4 history has the cold items removed).
        var times = TimesOf(user, history);
        var sequence = Sequence(user, history, times);
        _ranker.Prepare(sequence, _space);
        ScoreCandidates(candidates, scores);
    }

    private void ScoreCandidates(ReadOnlySpan<int> candidates, Span<float> scores)
    {
        _ranker.Score(candidates, default, scores);
        if (_column < 0) return;
        var features = _ranker.LastFeatures(candidates.Length);
        var column = features.Slice(_column * candidates.Length, candidates.Length);
        for (int c = 0; c < candidates.Length; c++) scores[c] = column[c] == RankingFeatures.Missing ? float.MinValue : column[c];
    }

    [ThreadStatic] private static UserSequence? t_sequence;

    private UserSequence Sequence(int user, ReadOnlySpan<int> items, ReadOnlySpan<long> times)
    {
        var sequence = t_sequence ??= new UserSequence();
        sequence.Clear();
        for (int p = 0; p < items.Length; p++)
        {
            uint time = times.IsEmpty ? 0 : (uint)Math.Clamp(times[p], 0, uint.MaxValue);
            sequence.Add(items[p], time, user >= 0 ? _eventWeights.GetValueOrDefault((user, items[p]), 1f) : 1f);
        }
        sequence.Now = sequence.Count == 0 ? 0 : sequence.Times[^1];
        return sequence;
    }

    private long[] TimesOf(int user, ReadOnlySpan<int> history)
    {
        var input = _split.TrainAndValidation(user);
        var inputTimes = _split.TrainAndValidationTimes(user);
        var times = new long[history.Length];
        // History is the input in order, possibly with items removed: walk both.
        int p = 0;
        for (int h = 0; h < history.Length; h++)
        {
            while (p < input.Length && input[p] != history[h]) p++;
            times[h] = p < input.Length ? inputTimes[p] : (h > 0 ? times[h - 1] : 0);
            p++;
        }
        return times;
    }
}
