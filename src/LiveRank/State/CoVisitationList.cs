namespace LiveRank.State;

/// <summary>
/// The items most often visited after one item, as a bounded "space-saving" heavy-hitter list: when full, a new
/// target replaces the lightest entry and inherits its weight, so frequent followers are never evicted by noise.
/// Written by the single writer; readers may see a slightly stale entry, which is harmless for ranking.
/// </summary>
internal sealed class CoVisitationList
{
    private int[] _targets;
    private float[] _weights;
    private int _count;

    public CoVisitationList(int initialCapacity = 4)
    {
        _targets = new int[initialCapacity];
        _weights = new float[initialCapacity];
    }

    public int Count => _count;

    /// <summary>Reads the entries; safe against a concurrent writer growing the arrays.</summary>
    public int Read(out ReadOnlySpan<int> targets, out ReadOnlySpan<float> weights)
    {
        int[] t = _targets;
        float[] w = _weights;
        int n = Math.Min(_count, Math.Min(t.Length, w.Length));
        targets = t.AsSpan(0, n);
        weights = w.AsSpan(0, n);
        return n;
    }

    public void Add(int target, float weight, int capacity)
    {
        int n = _count;
        int found = _targets.AsSpan(0, n).IndexOf(target); // vectorised: this scan dominates steady-state ingest
        if (found >= 0)
        {
            _weights[found] += weight;
            return;
        }
        if (n < capacity)
        {
            if (n == _targets.Length)
            {
                int size = Math.Min(capacity, Math.Max(1, _targets.Length * 2));
                Array.Resize(ref _weights, size);
                Array.Resize(ref _targets, size);
            }
            _weights[n] = weight;
            _targets[n] = target;
            _count = n + 1;
            return;
        }
        int min = 0;
        for (int i = 1; i < n; i++)
        {
            if (_weights[i] < _weights[min]) min = i;
        }
        _weights[min] += weight;
        _targets[min] = target;
    }

    public float WeightOf(int target)
    {
        int n = Read(out var targets, out var weights);
        int found = targets[..n].IndexOf(target);
        return found >= 0 ? weights[found] : 0;
    }

    internal void Load(ReadOnlySpan<int> targets, ReadOnlySpan<float> weights)
    {
        _targets = targets.ToArray();
        _weights = weights.ToArray();
        _count = targets.Length;
    }
}
