namespace LiveRank.Evaluation.Diversity;

/// <summary>One unit-length vector per item (dense split ids), e.g. the language model's item embeddings.</summary>
public interface IItemVectors
{
    int Count { get; }
    int Dimension { get; }

    /// <summary>The vector of <paramref name="item"/>, <see cref="Dimension"/> floats, L2-normalised.</summary>
    ReadOnlySpan<float> this[int item] { get; }
}
