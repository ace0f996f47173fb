using System.Numerics.Tensors;

namespace LiveRank.Training.Adapter;

/// <summary>What <see cref="AdapterTrainer"/> learns from: the frozen item vectors and each user's time-ordered training items.</summary>
public sealed class AdapterTrainingData
{
    /// <summary>n: items, dense indices 0..n−1.</summary>
    public required int ItemCount { get; init; }

    /// <summary>d: length of the LM vectors.</summary>
    public required int Dimension { get; init; }

    /// <summary>n × d unit vectors, row-major; an all-zero row is an item without text.</summary>
    public required float[] ItemVectors { get; init; }

    /// <summary>Per user, the training items in time order (oldest first).</summary>
    public required IReadOnlyList<int[]> Sequences { get; init; }

    /// <summary>Per user, the events' interest weights (same shape as <see cref="Sequences"/>); null means every weight is 1.</summary>
    public IReadOnlyList<float[]>? Weights { get; init; }

    /// <summary>
    /// Per user, the held-out item that followed the training sequence, or −1; empty when there is nothing to validate on
    /// (then every epoch is trained and the last one kept).
    /// </summary>
    public required IReadOnlyList<int> ValidationTargets { get; init; }

    /// <exception cref="ArgumentException">A shape or an index is inconsistent, or a value is not finite; the message says which.</exception>
    public void Validate()
    {
        if (ItemCount < 1) throw new ArgumentException($"{nameof(ItemCount)} must be at least 1.");
        if (Dimension < 1) throw new ArgumentException($"{nameof(Dimension)} must be at least 1.");
        if (ItemVectors is null || ItemVectors.Length != (long)ItemCount * Dimension)
            throw new ArgumentException($"{nameof(ItemVectors)} has {ItemVectors?.Length ?? 0} values; {ItemCount} items × {Dimension} need {(long)ItemCount * Dimension}.");
        if (!TensorPrimitives.IsFiniteAll<float>(ItemVectors)) throw new ArgumentException($"{nameof(ItemVectors)} holds a NaN or an infinity.");
        ArgumentNullException.ThrowIfNull(Sequences);
        ArgumentNullException.ThrowIfNull(ValidationTargets);
        if (Weights is not null && Weights.Count != Sequences.Count)
            throw new ArgumentException($"{nameof(Weights)} has {Weights.Count} users; {nameof(Sequences)} has {Sequences.Count}.");
        if (ValidationTargets.Count != 0 && ValidationTargets.Count != Sequences.Count)
            throw new ArgumentException($"{nameof(ValidationTargets)} has {ValidationTargets.Count} users; {nameof(Sequences)} has {Sequences.Count}.");
        for (int u = 0; u < Sequences.Count; u++)
        {
            var sequence = Sequences[u] ?? throw new ArgumentException($"{nameof(Sequences)}[{u}] is null.");
            foreach (int item in sequence)
                if ((uint)item >= (uint)ItemCount) throw new ArgumentException($"{nameof(Sequences)}[{u}] holds item {item}, outside 0..{ItemCount - 1}.");
            if (Weights is not null)
            {
                var weights = Weights[u];
                if (weights is null || weights.Length != sequence.Length)
                    throw new ArgumentException($"{nameof(Weights)}[{u}] has {weights?.Length ?? 0} values for {sequence.Length} items.");
                if (weights.Length > 0 && !TensorPrimitives.IsFiniteAll<float>(weights)) throw new ArgumentException($"{nameof(Weights)}[{u}] holds a NaN or an infinity.");
            }
            if (ValidationTargets.Count != 0 && (ValidationTargets[u] < -1 || ValidationTargets[u] >= ItemCount))
                throw new ArgumentException($"{nameof(ValidationTargets)}[{u}] is {ValidationTargets[u]}, outside −1..{ItemCount - 1}.");
        }
    }
}
