using LiveRank.Evaluation.Protocols;
using LiveRank.Semantics;
using LiveRank.Training.Models;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// The LM vector of every split item exactly as the service computes it (served template, service encoder, service
/// vector cache), so an evaluation after <c>liverank encode</c>, or a second run, encodes nothing.
/// </summary>
public static class ServiceItemVectors
{
    /// <returns>ItemCount × dimension unit vectors (a zero row for an item without a catalog record), and the dimension.</returns>
    public static (float[] Vectors, int Dimension) Load(LeaveOneOutSplit split, LiveRankSetup setup, IProgress<string>? progress = null)
    {
        var encoder = setup.Encoder;
        using var cache = setup.CacheDirectory is { } directory
            ? EmbeddingCache.Open(directory, encoder.ModelId, encoder.Dimension)
            : EmbeddingCache.None(encoder.ModelId, encoder.Dimension);
        var items = split.ItemIds.Select(id => setup.Data.Items.GetValueOrDefault(id)).ToArray();
        return (ItemTextVectors.Load(items, setup.Template, encoder, cache, progress), encoder.Dimension);
    }
}
