using LiveRank.Domain;
using LiveRank.Semantics;
using LiveRank.Text;
using LiveRank.Text.Encoders;

namespace LiveRank.Training.Models;

/// <summary>
/// The LM vector of each item exactly as the service computes it: the item template's text, looked up in the
/// service's vector cache by text hash, encoded in batches (and added to the cache) when missing.
/// </summary>
public static class ItemTextVectors
{
    /// <returns>items.Count × dimension unit vectors; a zero row for an item without a catalog record.</returns>
    public static float[] Load(IReadOnlyList<Item?> items, ItemTemplate template, ITextEncoder encoder, EmbeddingCache cache,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        int d = encoder.Dimension;
        var vectors = new float[items.Count * d];
        var missing = new List<(int Item, string Text, ulong Hash)>();
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) continue;
            string text = template.Render(item);
            ulong hash = EmbeddingCache.HashText(text);
            if (!cache.TryGet(hash, vectors.AsSpan(i * d, d))) missing.Add((i, text, hash));
        }
        if (missing.Count == 0) return vectors;
        progress?.Report($"encoding {missing.Count:N0} item texts with {encoder.ModelId} (cached afterwards)…");
        const int batch = 64;
        var buffer = new float[batch * d];
        for (int start = 0; start < missing.Count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var chunk = missing.GetRange(start, Math.Min(batch, missing.Count - start));
            encoder.EncodeBatch([.. chunk.Select(m => m.Text)], buffer.AsSpan(0, chunk.Count * d));
            for (int k = 0; k < chunk.Count; k++)
            {
                var v = buffer.AsSpan(k * d, d);
                v.CopyTo(vectors.AsSpan(chunk[k].Item * d, d));
                cache.Add(chunk[k].Hash, v);
            }
        }
        cache.Flush();
        return vectors;
    }
}
