using LiveRank.Scoring.Models;

namespace LiveRank.Retrieval;

/// <summary>
/// A sparse item × item weight matrix in compressed rows: for each item, its strongest neighbours (co-visitation
/// followers, Markov transitions, EASE weights, LM nearest neighbours) with their weights, strongest first. A user is
/// scored by adding the rows of their recent items, each with a recency weight, into a dense per-item buffer.
/// </summary>
public sealed class ItemNeighbours
{
    private readonly int[] _offsets;
    private readonly int[] _targets;
    private readonly float[] _weights;

    public ItemNeighbours(int[] offsets, int[] targets, float[] weights)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != targets.Length || targets.Length != weights.Length)
            throw new ArgumentException("Row offsets must start at 0 and end at the number of entries.");
        _offsets = offsets;
        _targets = targets;
        _weights = weights;
    }

    public int ItemCount => _offsets.Length - 1;

    public int EntryCount => _targets.Length;

    public ReadOnlySpan<int> Targets(int item) => _targets.AsSpan(_offsets[item], _offsets[item + 1] - _offsets[item]);

    public ReadOnlySpan<float> Weights(int item) => _weights.AsSpan(_offsets[item], _offsets[item + 1] - _offsets[item]);

    /// <summary>
    /// Adds <paramref name="scale"/> × row <paramref name="item"/> into <paramref name="scores"/>, recording newly touched
    /// items. Weights are positive and callers pass positive scales, so a touched entry never returns to 0.
    /// </summary>
    public void AddRow(int item, float scale, Span<float> scores, TouchedItems touched)
    {
        if ((uint)item >= (uint)ItemCount) return;
        int end = _offsets[item + 1];
        for (int e = _offsets[item]; e < end; e++)
        {
            int target = _targets[e];
            if (scores[target] == 0) touched.Add(target);
            scores[target] += scale * _weights[e];
        }
    }

    /// <summary>Keeps the <paramref name="perRow"/> largest positive entries of each dense row (row-major n × n).</summary>
    public static ItemNeighbours FromDense(ReadOnlySpan<float> dense, int n, int perRow)
    {
        var offsets = new int[n + 1];
        var targets = new List<int>(n * Math.Min(perRow, n));
        var weights = new List<float>(n * Math.Min(perRow, n));
        var order = new int[n];
        var keys = new float[n];
        for (int i = 0; i < n; i++)
        {
            var row = dense.Slice(i * n, n);
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                if (row[j] > 0 && j != i)
                {
                    order[count] = j;
                    keys[count] = -row[j];
                    count++;
                }
            }
            // Ties keep item order: the sort is by (−weight, item) through a stable pairing of keys and indices.
            Array.Sort(keys, order, 0, count);
            StableTies(keys, order, count);
            int keep = Math.Min(count, perRow);
            for (int k = 0; k < keep; k++)
            {
                targets.Add(order[k]);
                weights.Add(-keys[k]);
            }
            offsets[i + 1] = targets.Count;
        }
        return new ItemNeighbours(offsets, [.. targets], [.. weights]);
    }

    /// <summary>Builds from per-row lists of (target, weight), keeping the <paramref name="perRow"/> largest positive ones.</summary>
    public static ItemNeighbours FromRows(IReadOnlyList<Dictionary<int, float>> rows, int perRow)
    {
        var offsets = new int[rows.Count + 1];
        var targets = new List<int>();
        var weights = new List<float>();
        for (int i = 0; i < rows.Count; i++)
        {
            foreach (var (target, weight) in rows[i].Where(p => p.Value > 0 && p.Key != i)
                         .OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(perRow))
            {
                targets.Add(target);
                weights.Add(weight);
            }
            offsets[i + 1] = targets.Count;
        }
        return new ItemNeighbours(offsets, [.. targets], [.. weights]);
    }

    private static void StableTies(float[] keys, int[] order, int count)
    {
        int start = 0;
        for (int k = 1; k <= count; k++)
        {
            if (k == count || keys[k] != keys[start])
            {
                if (k - start > 1) Array.Sort(order, start, k - start);
                start = k;
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_offsets.Length);
        writer.Write(_targets.Length);
        foreach (int o in _offsets) writer.Write(o);
        foreach (int t in _targets) writer.Write(t);
        foreach (float w in _weights) writer.Write(w);
    }

    public static ItemNeighbours Read(BinaryReader reader, int itemCount, string name)
    {
        int offsetCount = reader.ReadInt32();
        int entries = reader.ReadInt32();
        if (offsetCount != itemCount + 1 || entries < 0 || entries > 100_000_000)
            throw new ModelFormatException($"The {name} neighbour lists do not match the model's {itemCount:N0} items.");
        var offsets = new int[offsetCount];
        var targets = new int[entries];
        var weights = new float[entries];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = reader.ReadInt32();
        for (int i = 0; i < targets.Length; i++) targets[i] = reader.ReadInt32();
        for (int i = 0; i < weights.Length; i++) weights[i] = reader.ReadSingle();
        if (offsets[0] != 0 || offsets[^1] != entries)
            throw new ModelFormatException($"The {name} neighbour lists are corrupt (row offsets).");
        for (int i = 1; i < offsets.Length; i++)
            if (offsets[i] < offsets[i - 1]) throw new ModelFormatException($"The {name} neighbour lists are corrupt (row offsets).");
        foreach (int t in targets)
            if ((uint)t >= (uint)itemCount) throw new ModelFormatException($"The {name} neighbour lists name an item outside the model.");
        foreach (float w in weights)
            if (!float.IsFinite(w)) throw new ModelFormatException($"The {name} neighbour lists hold a non-finite weight.");
        return new ItemNeighbours(offsets, targets, weights);
    }
}
