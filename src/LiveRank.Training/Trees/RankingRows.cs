using System.Globalization;

namespace LiveRank.Training.Trees;

/// <summary>
/// Training or validation data for a ranker: one row of features per (query, candidate), a graded relevance label
/// per row, and the query (group) each row belongs to. Rows of a group are contiguous; a group id never comes back
/// once its rows have ended. Checked when constructed.
/// </summary>
public sealed class RankingRows
{
    /// <summary>Highest relevance grade: LightGBM's lambdarank gains are 2^label − 1 and must fit an int.</summary>
    public const int MaxLabel = 30;

    private readonly int[] _groupStarts;

    /// <param name="features">Row-major, <c>labels.Length × featureCount</c>, no NaN: LightGBM (missing values off)
    /// would learn NaN as 0 while ML.NET and <see cref="Scoring.Trees.TreeEnsemble"/> send it right at every split, so
    /// a NaN in training would train one thing and serve another. Features fill documented defaults instead.</param>
    /// <param name="featureCount">Features per row.</param>
    /// <param name="labels">Graded relevance per row: a whole number in [0, <see cref="MaxLabel"/>], 0 = not relevant.</param>
    /// <param name="groups">Query id per row.</param>
    /// <param name="featureNames">One name per feature; <c>f0, f1, …</c> when null.</param>
    /// <exception cref="ArgumentException">The shapes disagree, a feature is NaN, a label is not a grade, a group is
    /// split, or a name is missing.</exception>
    public RankingRows(float[] features, int featureCount, float[] labels, uint[] groups, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        if (featureCount < 1 || featureCount > Scoring.Trees.TreeEnsemble.MaxFeatureCount)
            throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, $"Must be in [1, {Scoring.Trees.TreeEnsemble.MaxFeatureCount}].");
        if (labels.Length == 0) throw new ArgumentException("No rows.", nameof(labels));
        if (features.Length != (long)labels.Length * featureCount)
            throw new ArgumentException($"{labels.Length} rows of {featureCount} features need {(long)labels.Length * featureCount} values, got {features.Length}.", nameof(features));
        if (groups.Length != labels.Length)
            throw new ArgumentException($"{labels.Length} labels but {groups.Length} group ids.", nameof(groups));

        int nan = FirstNaN(features);
        if (nan >= 0)
            throw new ArgumentException($"Row {nan / featureCount}, feature {nan % featureCount} is NaN: training rows must be complete.", nameof(features));

        for (int r = 0; r < labels.Length; r++)
        {
            float label = labels[r];
            if (!(label >= 0 && label <= MaxLabel) || label != MathF.Floor(label))
                throw new ArgumentException($"Row {r} has label {label}: labels are whole relevance grades in [0, {MaxLabel}].", nameof(labels));
        }

        var starts = new List<int> { 0 };
        var ended = new HashSet<uint>();
        for (int r = 1; r < groups.Length; r++)
        {
            if (groups[r] == groups[r - 1]) continue;
            ended.Add(groups[r - 1]);
            if (ended.Contains(groups[r]))
                throw new ArgumentException($"Row {r} returns to group {groups[r]} after other groups: rows of a group must be contiguous.", nameof(groups));
            starts.Add(r);
        }
        starts.Add(groups.Length);
        _groupStarts = [.. starts];

        if (featureNames is null)
        {
            var names = new string[featureCount];
            for (int f = 0; f < featureCount; f++) names[f] = "f" + f.ToString(CultureInfo.InvariantCulture);
            featureNames = names;
        }
        else
        {
            if (featureNames.Count != featureCount)
                throw new ArgumentException($"{featureCount} features but {featureNames.Count} names.", nameof(featureNames));
            for (int f = 0; f < featureCount; f++)
            {
                if (string.IsNullOrWhiteSpace(featureNames[f]))
                    throw new ArgumentException($"Feature {f} has no name.", nameof(featureNames));
            }
            featureNames = [.. featureNames];
        }

        Features = features;
        FeatureCount = featureCount;
        Labels = labels;
        Groups = groups;
        FeatureNames = featureNames;
    }

    /// <summary>Row-major: row r spans [r·<see cref="FeatureCount"/>, (r+1)·<see cref="FeatureCount"/>).</summary>
    public float[] Features { get; }

    public int FeatureCount { get; }

    public float[] Labels { get; }

    public uint[] Groups { get; }

    public IReadOnlyList<string> FeatureNames { get; }

    public int RowCount => Labels.Length;

    public int GroupCount => _groupStarts.Length - 1;

    /// <summary>Group g's rows are [starts[g], starts[g + 1]).</summary>
    public ReadOnlySpan<int> GroupStarts => _groupStarts;

    private static int FirstNaN(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsNaN(values[i])) return i;
        }
        return -1;
    }

    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);
}
