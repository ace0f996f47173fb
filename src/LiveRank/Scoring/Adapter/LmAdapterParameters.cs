namespace LiveRank.Scoring.Adapter;

/// <summary>
/// The learned weights of an <see cref="LmAdapter"/> as flat row-major arrays: what training writes and the model file
/// stores. Shapes (d = <see cref="Dimension"/>, r = <see cref="Rank"/>, k = <see cref="Window"/>, n = <see cref="ItemCount"/>):
/// <list type="bullet">
/// <item><see cref="PositionBias"/> p (k): attention bias by position from the end (0 = the most recent item).</item>
/// <item><see cref="EventWeight"/> β: attention slope on an event's interest weight.</item>
/// <item><see cref="Query"/> q (d): attention query against the history vectors.</item>
/// <item><see cref="UserProjection"/> A (r × d): pooled history → user vector.</item>
/// <item><see cref="LastItemProjection"/> A₂ (r × d, empty unless <see cref="LastItemTerm"/>): the most recent item's vector → user vector.</item>
/// <item><see cref="ItemProjection"/> B (r × d): item vector → item code.</item>
/// <item><see cref="ItemOffsets"/> O (n × r): learned per-item offset of warm items, by the model's dense item index.</item>
/// </list>
/// With <see cref="ItemBias"/> the last of the r slots is a bias: the user vector holds 1 there, so an item's last slot
/// (row r−1 of B times its vector, plus its offset's last entry) is a score every user shares.
/// The arrays are live: an adapter built from them copies them.
/// </summary>
public sealed class LmAdapterParameters
{
    /// <summary>Zero parameters of the given shape.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or <paramref name="itemBias"/> with a rank below 2.</exception>
    public LmAdapterParameters(int dimension, int rank, int window, int itemCount, bool lastItemTerm, bool itemBias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, itemBias ? 2 : 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)rank * dimension, Array.MaxLength, nameof(rank));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)itemCount * rank, Array.MaxLength, nameof(itemCount));
        Dimension = dimension;
        Rank = rank;
        Window = window;
        ItemCount = itemCount;
        LastItemTerm = lastItemTerm;
        ItemBias = itemBias;
        PositionBias = new float[window];
        Query = new float[dimension];
        UserProjection = new float[rank * dimension];
        LastItemProjection = lastItemTerm ? new float[rank * dimension] : [];
        ItemProjection = new float[rank * dimension];
        ItemOffsets = new float[itemCount * rank];
    }

    /// <summary>d: length of the language model's vectors.</summary>
    public int Dimension { get; }

    /// <summary>r: length of user vectors and item codes.</summary>
    public int Rank { get; }

    /// <summary>k: most history items a user vector reads.</summary>
    public int Window { get; }

    /// <summary>n: items with a learned offset (dense item indices 0..n−1).</summary>
    public int ItemCount { get; }

    /// <summary>Whether the most recent item's vector has its own projection A₂ besides the attention pool.</summary>
    public bool LastItemTerm { get; }

    /// <summary>Whether the last slot of the user vector is fixed at 1, making the items' last slot a shared bias.</summary>
    public bool ItemBias { get; }

    public float[] PositionBias { get; }

    public float EventWeight { get; set; }

    public float[] Query { get; }

    public float[] UserProjection { get; }

    public float[] LastItemProjection { get; }

    public float[] ItemProjection { get; }

    public float[] ItemOffsets { get; }
}
