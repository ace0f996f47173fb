using LiveRank.Scoring.Adapter;

namespace LiveRank.Training.Adapter;

/// <summary>
/// Where each parameter lives in the trainer's one flat vector θ: A | A₂ | B | p | q | β | O. One vector lets the
/// optimiser, the gradient reduction and the best-epoch snapshot each be a single loop. The dense part (everything
/// before O) is what every batch touches; the shard gradient buffers hold only that part.
/// </summary>
internal sealed class AdapterLayout
{
    public AdapterLayout(int dimension, int rank, int window, int itemCount, bool lastItemTerm, bool itemBias)
    {
        Dimension = dimension;
        Rank = rank;
        Window = window;
        ItemCount = itemCount;
        LastItemTerm = lastItemTerm;
        ItemBias = itemBias;
        Factors = itemBias ? rank - 1 : rank;
        int matrix = rank * dimension;
        UserProjection = 0;
        LastItemProjection = matrix;
        ItemProjection = LastItemProjection + (lastItemTerm ? matrix : 0);
        PositionBias = ItemProjection + matrix;
        Query = PositionBias + window;
        EventWeight = Query + dimension;
        ItemOffsets = EventWeight + 1;
        Length = ItemOffsets + itemCount * rank;
    }

    public int Dimension { get; }
    public int Rank { get; }
    public int Window { get; }
    public int ItemCount { get; }
    public bool LastItemTerm { get; }
    public bool ItemBias { get; }

    /// <summary>User-vector slots computed from the history: all of them, or all but the bias slot.</summary>
    public int Factors { get; }

    public int UserProjection { get; }
    public int LastItemProjection { get; }
    public int ItemProjection { get; }
    public int PositionBias { get; }
    public int Query { get; }
    public int EventWeight { get; }
    public int ItemOffsets { get; }
    public int Length { get; }

    /// <summary>Length of the part every batch touches (all but the offsets).</summary>
    public int DenseLength => ItemOffsets;

    /// <summary>First index after A, A₂ and B, which are contiguous from 0 and carry the L2 term (as do the offsets).</summary>
    public int ProjectionsEnd => PositionBias;

    /// <summary>
    /// Starting point: A, A₂ (except the bias row) and B drawn from N(0, 1/d), so a unit vector projects to slots of
    /// about 1/√d; attention and offsets start at zero (uniform pooling, no item preference).
    /// </summary>
    public float[] Initialise(int seed)
    {
        var theta = new float[Length];
        var random = new TrainingRandom(TrainingRandom.Mix((ulong)(uint)seed, 0x1A17));
        double scale = 1.0 / Math.Sqrt(Dimension);
        int matrix = Rank * Dimension;
        for (int r = 0; r < Factors; r++)
            for (int j = 0; j < Dimension; j++) theta[UserProjection + r * Dimension + j] = (float)(random.NextGaussian() * scale);
        if (LastItemTerm)
            for (int r = 0; r < Factors; r++)
                for (int j = 0; j < Dimension; j++) theta[LastItemProjection + r * Dimension + j] = (float)(random.NextGaussian() * scale);
        for (int i = 0; i < matrix; i++) theta[ItemProjection + i] = (float)(random.NextGaussian() * scale);
        return theta;
    }

    public LmAdapterParameters ToParameters(ReadOnlySpan<float> theta)
    {
        int matrix = Rank * Dimension;
        var parameters = new LmAdapterParameters(Dimension, Rank, Window, ItemCount, LastItemTerm, ItemBias) { EventWeight = theta[EventWeight] };
        theta.Slice(UserProjection, matrix).CopyTo(parameters.UserProjection);
        if (LastItemTerm) theta.Slice(LastItemProjection, matrix).CopyTo(parameters.LastItemProjection);
        theta.Slice(ItemProjection, matrix).CopyTo(parameters.ItemProjection);
        theta.Slice(PositionBias, Window).CopyTo(parameters.PositionBias);
        theta.Slice(Query, Dimension).CopyTo(parameters.Query);
        theta.Slice(ItemOffsets, ItemCount * Rank).CopyTo(parameters.ItemOffsets);
        return parameters;
    }

    public LmAdapter ToAdapter(ReadOnlySpan<float> theta) => new(ToParameters(theta));
}
