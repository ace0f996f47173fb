using System.Security.Cryptography;
using System.Text;
using LiveRank.Domain;
using LiveRank.Evaluation.Protocols;
using LiveRank.Text.Encoders;

namespace LiveRank.Evaluation.Diversity;

/// <summary>
/// The language model's vector of every split item, encoded from the item's title and genres
/// ("Toy Story (1995). Categories: Adventure, Animation.") and cached
/// in a file named after the model and a hash of all the texts, so a rerun on the same data reads the file instead
/// of encoding again. File: "LRVEC001", int32 dimension, int32 count, then count × dimension float32 (little-endian).
/// </summary>
public static class ItemVectorCache
{
    private const string Magic = "LRVEC001";

    /// <summary>The text each item is encoded from.</summary>
    /// <remarks>Spelled out here rather than taken from the service's item template, so that the cache key (a hash of
    /// these texts) stays stable when the service's template changes.</remarks>
    public static string TextOf(Item item)
    {
        string title = item.Title.Trim().TrimEnd('.') + ".";
        return item.Categories.Count == 0 ? title : $"{title} Categories: {string.Join(", ", item.Categories)}.";
    }

    /// <summary>Reads the cached vectors of the split's items, or encodes them with a new encoder and writes the cache.</summary>
    /// <param name="modelId">The encoder's model id (part of the cache key), known before the model is loaded.</param>
    /// <param name="createEncoder">Loads the encoder; called only on a cache miss.</param>
    /// <param name="directory">Where the cache file lives (created if needed).</param>
    /// <param name="progress">One line on a cache hit, or as encoding starts and ends.</param>
    /// <exception cref="InvalidOperationException">The dataset has no item records to encode.</exception>
    public static ItemVectors LoadOrEncode(LeaveOneOutSplit split, string modelId, Func<ITextEncoder> createEncoder, string directory,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (split.Items is null) throw new InvalidOperationException($"Dataset {split.DatasetName} has no item titles to encode.");
        var texts = new string[split.ItemCount];
        for (int i = 0; i < texts.Length; i++)
            texts[i] = split.Items[i] is { } item ? TextOf(item) : split.ItemIds[i];
        string path = Path.Combine(directory, $"item-vectors-{Sanitize(modelId)}-{Key(modelId, texts)}.bin");
        if (TryRead(path, texts.Length) is { } cached)
        {
            progress?.Invoke($"item vectors: {texts.Length:N0} from cache {path}");
            return cached;
        }

        progress?.Invoke($"item vectors: encoding {texts.Length:N0} item texts with {modelId}…");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var encoder = createEncoder();
        int dimension = encoder.Dimension;
        var values = new float[texts.Length * dimension];
        const int batch = 64;
        for (int start = 0; start < texts.Length; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batch, texts.Length - start);
            encoder.EncodeBatch(new ArraySegment<string>(texts, start, count), values.AsSpan(start * dimension, count * dimension));
        }
        var vectors = new ItemVectors(values, dimension);
        Directory.CreateDirectory(directory);
        Write(path, vectors);
        progress?.Invoke($"item vectors: encoded in {clock.Elapsed.TotalSeconds:F1} s, cached in {path}");
        return vectors;
    }

    internal static void Write(string path, ItemVectors vectors)
    {
        string temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Encoding.ASCII.GetBytes(Magic));
            writer.Write(vectors.Dimension);
            writer.Write(vectors.Count);
            foreach (float v in vectors.Values) writer.Write(v);
        }
        File.Move(temporary, path, overwrite: true);
    }

    internal static ItemVectors? TryRead(string path, int count)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (Encoding.ASCII.GetString(reader.ReadBytes(Magic.Length)) != Magic) return null;
            int dimension = reader.ReadInt32();
            if (reader.ReadInt32() != count || dimension < 1) return null;
            var values = new float[count * dimension];
            for (int i = 0; i < values.Length; i++) values[i] = reader.ReadSingle();
            return new ItemVectors(values, dimension);
        }
        catch (EndOfStreamException)
        {
            return null; // a truncated file is re-encoded
        }
    }

    private static string Key(string modelId, string[] texts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(modelId + "\n"));
        foreach (string text in texts) hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static string Sanitize(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}
