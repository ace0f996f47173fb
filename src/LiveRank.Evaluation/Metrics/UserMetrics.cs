namespace LiveRank.Evaluation.Metrics;

/// <summary>
/// Per-user metric values of one system on one protocol, kept (not just means) so that bootstrap intervals
/// and paired tests between systems are possible. Rows are users in a fixed order shared by all systems.
/// </summary>
public sealed class UserMetrics
{
    private readonly Dictionary<string, double[]> _values = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public UserMetrics(int userCount) => UserCount = userCount;

    public int UserCount { get; }

    /// <summary>Metric names in insertion order.</summary>
    public IReadOnlyList<string> Names => _names;

    public double[] this[string name] => _values[name];

    public bool TryGet(string name, out double[] values) => _values.TryGetValue(name, out values!);

    /// <summary>The per-user column for a metric, created zeroed on first use.</summary>
    public double[] Column(string name)
    {
        if (!_values.TryGetValue(name, out var column))
        {
            column = new double[UserCount];
            _values.Add(name, column);
            _names.Add(name);
        }
        return column;
    }

    /// <summary>Adds the metrics of a rank for one user under the names of <see cref="RankMetrics.Names"/> with a prefix/suffix, scaled by <paramref name="weight"/>.</summary>
    public void AddRank(int user, int rank, double weight, string prefix = "", string suffix = "")
    {
        Span<double> values = stackalloc double[RankMetrics.Names.Length];
        RankMetrics.Compute(rank, values);
        for (int m = 0; m < values.Length; m++) Column(prefix + RankMetrics.Names[m] + suffix)[user] += weight * values[m];
    }

    public double Mean(string name) => _values[name].Average();
}
