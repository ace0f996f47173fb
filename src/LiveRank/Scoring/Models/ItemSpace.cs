namespace LiveRank.Scoring.Models;

/// <summary>
/// The items a trained model ranks, as its caller indexes them: the live catalog's item indices when serving (where
/// items added after training have no model index but do have text vectors and categories), the model's own dense
/// indices offline. The model reads everything about a candidate through this view, so one feature code path serves
/// both.
/// </summary>
public abstract class ItemSpace
{
    /// <summary>Length of the LM vectors; 0 when there are none.</summary>
    public abstract int Dimension { get; }

    /// <summary>The model's index of <paramref name="item"/>, or -1 for an item the model was not trained on.</summary>
    public abstract int ModelIndex(int item);

    /// <summary>This space's index of model item <paramref name="modelItem"/>, or -1 when it is not (or no longer) in the catalog.</summary>
    public abstract int FromModelIndex(int modelItem);

    /// <summary>Copies the item's unit LM vector as float32; false when it has none yet.</summary>
    public abstract bool TryCopyVector(int item, Span<float> destination);

    /// <summary>The item's categories as ids of the model's category vocabulary (unknown categories left out).</summary>
    public abstract ReadOnlySpan<int> Categories(int item);

    /// <summary>The item's price, NaN when unknown.</summary>
    public abstract float Price(int item);
}
