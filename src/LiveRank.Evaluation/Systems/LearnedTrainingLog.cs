using LiveRank.Domain;
using LiveRank.Evaluation.Protocols;
using LiveRank.Training.Models;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// The training log of a split as <c>liverank train</c> would build it from the same events: each user's input
/// interactions (train + validation) with their times and interest weights (a rating's weight follows its value, as the
/// service's event registry says), the items the log meets with their categories, prices and LM vectors.
/// </summary>
public static class LearnedTrainingLog
{
    public static TrainingLog FromSplit(LeaveOneOutSplit split, LiveRankSetup setup, float[]? vectors, int dimension, Func<int, bool>? excludeItem = null)
    {
        var weights = InterestWeights(setup.Data);

        // Model items: those the input interactions meet (in split order, so the mapping is deterministic).
        var used = new bool[split.ItemCount];
        for (int u = 0; u < split.UserCount; u++)
            foreach (int item in split.TrainAndValidation(u))
                if (excludeItem is null || !excludeItem(item)) used[item] = true;
        var toModel = new int[split.ItemCount];
        var modelItems = new List<int>();
        for (int i = 0; i < split.ItemCount; i++) toModel[i] = used[i] ? AddTo(modelItems, i) : -1;

        int n = modelItems.Count;
        var sequences = new int[split.UserCount][];
        var times = new long[split.UserCount][];
        var eventWeights = new float[split.UserCount][];
        for (int u = 0; u < split.UserCount; u++)
        {
            var input = split.TrainAndValidation(u);
            var inputTimes = split.TrainAndValidationTimes(u);
            var s = new List<int>();
            var t = new List<long>();
            var w = new List<float>();
            for (int p = 0; p < input.Length; p++)
            {
                if (toModel[input[p]] < 0) continue;
                s.Add(toModel[input[p]]);
                t.Add(inputTimes[p]);
                w.Add(weights.GetValueOrDefault((split.UserIds[u], split.ItemIds[input[p]]), 1f));
            }
            sequences[u] = [.. s];
            times[u] = [.. t];
            eventWeights[u] = [.. w];
        }
        float[]? modelVectors = null;
        if (vectors is not null)
        {
            modelVectors = new float[n * dimension];
            for (int m = 0; m < n; m++) vectors.AsSpan(modelItems[m] * dimension, dimension).CopyTo(modelVectors.AsSpan(m * dimension, dimension));
        }
        return new TrainingLog(split.DatasetName, [.. modelItems.Select(i => split.ItemIds[i])],
            [.. modelItems.Select(i => split.Items?[i]?.Categories ?? (IReadOnlyList<string>)[])],
            [.. modelItems.Select(i => split.Items?[i]?.Price is double p ? (float)p : float.NaN)],
            sequences, times, eventWeights)
        {
            Vectors = modelVectors,
            Dimension = vectors is null ? 0 : dimension,
            EncoderModel = setup.Encoder.ModelId,
        };
    }

    /// <summary>The interest weight of each (user id, item id)'s latest event, as the service's event registry weighs it.</summary>
    public static Dictionary<(string User, string Item), float> InterestWeights(LiveRankData data)
    {
        var registry = EventTypeRegistry.Default;
        var weights = new Dictionary<(string, string), float>();
        foreach (var e in data.Events)
        {
            if (!registry.TryGetId(e.Type, out byte type)) continue;
            weights[(e.UserId, e.ItemId)] = registry.InterestWeight(type, e.Value is double v ? (float)v : float.NaN);
        }
        return weights;
    }

    private static int AddTo(List<int> list, int item)
    {
        list.Add(item);
        return list.Count - 1;
    }
}
