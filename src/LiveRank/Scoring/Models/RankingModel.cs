using System.IO.Hashing;
using System.Text;
using LiveRank.Retrieval;
using LiveRank.Scoring.Adapter;
using LiveRank.Scoring.Trees;

namespace LiveRank.Scoring.Models;

/// <summary>
/// A trained LiveRank model: the items it knows (by id) with their statistics, the retrievers' neighbour lists, the LM
/// adapter with its encoded items, and the LambdaMART combiner over <see cref="RankingFeatures"/>. Immutable once
/// built; the file format is versioned and checksummed, and every part is checked on reading, so a damaged or foreign
/// file is refused with a reason instead of ranking wrongly.
/// </summary>
public sealed class RankingModel
{
    public const string FileExtension = ".lrmodel";
    public const int FormatVersion = 1;
    private static readonly byte[] Magic = "LRMODEL\0"u8.ToArray();

    private Dictionary<string, int>? _index;

    public required ModelMetadata Metadata { get; init; }
    public required ModelSettings Settings { get; init; }
    public required string[] ItemIds { get; init; }
    public required ItemStatistics Statistics { get; init; }
    public required ItemNeighbours CoVisitation { get; init; }
    public required ItemNeighbours SymmetricCoVisitation { get; init; }
    public required ItemNeighbours Markov { get; init; }
    public required ItemNeighbours Ease { get; init; }

    /// <summary>LM nearest neighbours of each item; null when the model was trained without the language model.</summary>
    public ItemNeighbours? LmNeighbours { get; init; }

    /// <summary>The θ·h adapter; null without the language model.</summary>
    public LmAdapter? Adapter { get; init; }

    /// <summary>Every model item encoded by the adapter (ItemCount × adapter rank).</summary>
    public float[]? AdapterItems { get; init; }

    /// <summary>Model items by descending all-time popularity (what a cold user is offered first).</summary>
    public required int[] PopularItems { get; init; }

    /// <summary>Columns forced to NaN before the combiner reads them (an ablation trained without them).</summary>
    public required bool[] MaskedFeatures { get; init; }

    /// <summary>The combiner; null ranks by the adapter alone (the "without LambdaMART" ablation).</summary>
    public TreeEnsemble? Combiner { get; init; }

    public int ItemCount => ItemIds.Length;

    /// <summary>Model index of an item id, or -1.</summary>
    public int IndexOf(string itemId)
    {
        var index = _index ??= BuildIndex();
        return index.TryGetValue(itemId, out int i) ? i : -1;
    }

    private Dictionary<string, int> BuildIndex()
    {
        var index = new Dictionary<string, int>(ItemIds.Length, StringComparer.Ordinal);
        for (int i = 0; i < ItemIds.Length; i++) index.TryAdd(ItemIds[i], i);
        return index;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        // Written beside the target and renamed over it: a watcher never sees half a model.
        string temporary = path + ".tmp";
        using (var file = File.Create(temporary)) Write(file);
        File.Move(temporary, path, overwrite: true);
    }

    public void Write(Stream stream)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true)) WritePayload(writer);
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(Magic);
        header.Write(FormatVersion);
        header.Write(payload.Length);
        header.Write(Crc32.HashToUInt32(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
        header.Write(payload.GetBuffer(), 0, (int)payload.Length);
    }

    private void WritePayload(BinaryWriter writer)
    {
        Metadata.Write(writer);
        Settings.Write(writer);
        writer.Write(RankingFeatures.Count);
        foreach (string name in RankingFeatures.Names) writer.Write(name);
        foreach (bool masked in MaskedFeatures) writer.Write(masked);
        writer.Write(ItemIds.Length);
        foreach (string id in ItemIds) writer.Write(id);
        Statistics.Write(writer);
        CoVisitation.Write(writer);
        SymmetricCoVisitation.Write(writer);
        Markov.Write(writer);
        Ease.Write(writer);
        writer.Write(PopularItems.Length);
        foreach (int item in PopularItems) writer.Write(item);
        writer.Write(LmNeighbours is not null);
        LmNeighbours?.Write(writer);
        writer.Write(Adapter is not null);
        if (Adapter is not null)
        {
            Adapter.Write(writer);
            writer.Write(AdapterItems!.Length);
            foreach (float v in AdapterItems) writer.Write(v);
        }
        writer.Write(Combiner is not null);
        Combiner?.Write(writer);
    }

    /// <exception cref="ModelFormatException">The file is not a LiveRank model, is damaged, or has another format version or feature schema.</exception>
    public static RankingModel Load(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Read(file);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            throw new ModelFormatException($"Cannot read model file '{path}': {e.Message}", e);
        }
    }

    public static RankingModel Read(Stream stream)
    {
        try
        {
            using var header = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            var magic = header.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic)) throw new ModelFormatException("Not a LiveRank model file (bad magic bytes).");
            int version = header.ReadInt32();
            if (version != FormatVersion)
                throw new ModelFormatException($"Model format version {version} is not supported (this build reads version {FormatVersion}).");
            long length = header.ReadInt64();
            uint crc = header.ReadUInt32();
            if (length is < 0 or > int.MaxValue) throw new ModelFormatException("The model file's payload length is corrupt.");
            var payload = header.ReadBytes((int)length);
            if (payload.Length != length) throw new ModelFormatException($"The model file is truncated ({payload.Length:N0} of {length:N0} payload bytes).");
            if (Crc32.HashToUInt32(payload) != crc) throw new ModelFormatException("The model file is corrupt (checksum mismatch).");
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            return ReadPayload(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("The model file is truncated.", e);
        }
    }

    private static RankingModel ReadPayload(BinaryReader reader)
    {
        var metadata = ModelMetadata.Read(reader);
        var settings = ModelSettings.Read(reader);
        int featureCount = reader.ReadInt32();
        if (featureCount is < 0 or > 10_000) throw new ModelFormatException("The model's feature schema is corrupt.");
        var names = new string[featureCount];
        for (int f = 0; f < featureCount; f++) names[f] = reader.ReadString();
        if (!names.AsSpan().SequenceEqual(RankingFeatures.Names))
            throw new ModelFormatException($"The model was trained on another feature schema ({featureCount} features; this build computes {RankingFeatures.Count}). Retrain it with this version.");
        var masked = new bool[featureCount];
        for (int f = 0; f < featureCount; f++) masked[f] = reader.ReadBoolean();
        int n = reader.ReadInt32();
        if (n is < 0 or > 100_000_000) throw new ModelFormatException("The model's item count is corrupt.");
        var ids = new string[n];
        for (int i = 0; i < n; i++) ids[i] = reader.ReadString();
        var statistics = ItemStatistics.Read(reader, n);
        var covis = ItemNeighbours.Read(reader, n, "co-visitation");
        var symmetric = ItemNeighbours.Read(reader, n, "symmetric co-visitation");
        var markov = ItemNeighbours.Read(reader, n, "Markov");
        var ease = ItemNeighbours.Read(reader, n, "EASE");
        int popularCount = reader.ReadInt32();
        if (popularCount < 0 || popularCount > n) throw new ModelFormatException("The popular item list is corrupt.");
        var popular = new int[popularCount];
        for (int i = 0; i < popularCount; i++)
        {
            popular[i] = reader.ReadInt32();
            if ((uint)popular[i] >= (uint)n) throw new ModelFormatException("The popular item list names an item outside the model.");
        }
        var lm = reader.ReadBoolean() ? ItemNeighbours.Read(reader, n, "LM neighbour") : null;
        LmAdapter? adapter = null;
        float[]? adapterItems = null;
        if (reader.ReadBoolean())
        {
            adapter = LmAdapter.Read(reader);
            if (adapter.Dimension != metadata.Dimension)
                throw new ModelFormatException($"The adapter reads {adapter.Dimension}-d vectors but the model says {metadata.Dimension}.");
            int length = reader.ReadInt32();
            if (length != n * adapter.Rank) throw new ModelFormatException("The adapter's item table does not match the model's items.");
            adapterItems = new float[length];
            for (int i = 0; i < length; i++) adapterItems[i] = reader.ReadSingle();
        }
        var combiner = reader.ReadBoolean() ? TreeEnsemble.Read(reader) : null;
        if (combiner is not null && combiner.FeatureCount > featureCount)
            throw new ModelFormatException($"The combiner reads {combiner.FeatureCount} features; the schema has {featureCount}.");
        if (combiner is null && adapter is null) throw new ModelFormatException("The model has neither a combiner nor an adapter to score with.");
        return new RankingModel
        {
            Metadata = metadata,
            Settings = settings,
            ItemIds = ids,
            Statistics = statistics,
            CoVisitation = covis,
            SymmetricCoVisitation = symmetric,
            Markov = markov,
            Ease = ease,
            LmNeighbours = lm,
            Adapter = adapter,
            AdapterItems = adapterItems,
            PopularItems = popular,
            MaskedFeatures = masked,
            Combiner = combiner,
        };
    }
}
