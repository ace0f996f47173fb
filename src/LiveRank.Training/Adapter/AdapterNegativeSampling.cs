namespace LiveRank.Training.Adapter;

/// <summary>How <see cref="AdapterTrainer"/> draws the sampled negatives each batch shares.</summary>
public enum AdapterNegativeSampling
{
    /// <summary>In proportion to an item's training count to the power 0.75 (items never seen in training are never drawn).</summary>
    Popularity,

    /// <summary>Uniformly over the whole catalog, cold items included.</summary>
    Uniform,
}
