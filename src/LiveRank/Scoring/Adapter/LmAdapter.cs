using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using LiveRank.Scoring.Models;

namespace LiveRank.Scoring.Adapter;

/// <summary>
/// A learned low-rank bilinear score over frozen language-model vectors: s(u, i) = h·g.
/// <para>
/// The user vector h pools the LM vectors x₁…xₘ of the user's last m ≤ k behaviour items (oldest first) with
/// attention α_j = softmax_j(p[m−1−j] + β·w_j + q·x_j), where w_j is the event's interest weight, and projects the
/// pool: h = A·Σα_j x_j (+ A₂·xₘ with <see cref="LmAdapterParameters.LastItemTerm"/>). The item code is
/// g = B·e + o: its LM vector e projected, plus the learned offset o of an item seen in training (zero for any other).
/// With <see cref="LmAdapterParameters.ItemBias"/> the last slot of h is 1, so g's last slot is a bias all users share.
/// </para>
/// <para>
/// Immutable after construction, so any number of threads may encode and score at once. Encoding and scoring
/// allocate nothing: they write into the caller's spans and a per-thread scratch buffer.
/// </para>
/// </summary>
public sealed class LmAdapter
{
    // Persisted format of the adapter's section of a model file; keep it stable, bump FormatVersion on any change.
    //   magic "LRAD" u32 · version u16 · dimension i32 · rank i32 · window i32 · item count i32 · flags u8
    //   β f32 · p f32[k] · q f32[d] · A f32[r×d] · A₂ f32[r×d] (flag 1) · B f32[r×d] · O f32[n×r] · magic u32 again
    // All little-endian. Flags: 1 = last-item term, 2 = item bias.
    private const uint Magic = 0x4441524C; // "LRAD"
    private const ushort FormatVersion = 1;
    private const byte LastItemFlag = 1;
    private const byte ItemBiasFlag = 2;
    private const int MaxDimension = 1 << 16;
    private const int MaxRank = 1 << 12;
    private const int MaxWindow = 1 << 12;

    [ThreadStatic]
    private static float[]? t_scratch;

    private readonly float[] _positionBias;
    private readonly float _eventWeight;
    private readonly float[] _query;
    private readonly float[] _userProjection;
    private readonly float[] _lastItemProjection;
    private readonly float[] _itemProjection;
    private readonly float[] _itemOffsets;

    /// <summary>An adapter over a copy of <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">An array does not have the shape <see cref="LmAdapterParameters"/> documents, or holds a NaN or infinity.</exception>
    public LmAdapter(LmAdapterParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Dimension = parameters.Dimension;
        Rank = parameters.Rank;
        Window = parameters.Window;
        ItemCount = parameters.ItemCount;
        HasLastItemTerm = parameters.LastItemTerm;
        HasItemBias = parameters.ItemBias;
        int matrix = Rank * Dimension;
        _positionBias = Copy(parameters.PositionBias, Window, nameof(parameters.PositionBias));
        _eventWeight = float.IsFinite(parameters.EventWeight)
            ? parameters.EventWeight
            : throw new ArgumentException("EventWeight is not finite.", nameof(parameters));
        _query = Copy(parameters.Query, Dimension, nameof(parameters.Query));
        _userProjection = Copy(parameters.UserProjection, matrix, nameof(parameters.UserProjection));
        _lastItemProjection = Copy(parameters.LastItemProjection, HasLastItemTerm ? matrix : 0, nameof(parameters.LastItemProjection));
        _itemProjection = Copy(parameters.ItemProjection, matrix, nameof(parameters.ItemProjection));
        _itemOffsets = Copy(parameters.ItemOffsets, ItemCount * Rank, nameof(parameters.ItemOffsets));
    }

    /// <summary>d: length of the LM vectors the adapter reads.</summary>
    public int Dimension { get; }

    /// <summary>r: length of user vectors and item codes.</summary>
    public int Rank { get; }

    /// <summary>k: most history items a user vector reads (the most recent ones).</summary>
    public int Window { get; }

    /// <summary>Items with a learned offset: dense item indices 0..<see cref="ItemCount"/>−1 (cold items' offsets are zero).</summary>
    public int ItemCount { get; }

    /// <summary>Whether the most recent item has its own projection besides the attention pool.</summary>
    public bool HasLastItemTerm { get; }

    /// <summary>Whether the last slot of a user vector is 1 and the items' last slot their shared bias.</summary>
    public bool HasItemBias { get; }

    /// <summary>A copy of the adapter's parameters.</summary>
    public LmAdapterParameters GetParameters()
    {
        var copy = new LmAdapterParameters(Dimension, Rank, Window, ItemCount, HasLastItemTerm, HasItemBias) { EventWeight = _eventWeight };
        _positionBias.CopyTo(copy.PositionBias, 0);
        _query.CopyTo(copy.Query, 0);
        _userProjection.CopyTo(copy.UserProjection, 0);
        _lastItemProjection.CopyTo(copy.LastItemProjection, 0);
        _itemProjection.CopyTo(copy.ItemProjection, 0);
        _itemOffsets.CopyTo(copy.ItemOffsets, 0);
        return copy;
    }

    /// <summary>
    /// Writes the user vector h of a history into <paramref name="user"/> (its first <see cref="Rank"/> floats).
    /// </summary>
    /// <param name="historyVectors">m × d LM vectors, row-major, oldest first. When m exceeds <see cref="Window"/> only the
    /// last <see cref="Window"/> rows are read. A zero row (an item without text) takes part in the attention but adds
    /// nothing to the pool.</param>
    /// <param name="historyWeights">The m events' interest weights (negative for a dislike); empty means every weight is 1.</param>
    /// <param name="user">Destination, at least <see cref="Rank"/> floats.</param>
    /// <remarks>An empty history (m = 0) gives h = 0, except the bias slot (1) when the adapter has an item bias: the
    /// items then rank by their shared bias alone.</remarks>
    /// <exception cref="ArgumentException">The vectors are not whole rows, the weights are not one per row, or
    /// <paramref name="user"/> is shorter than <see cref="Rank"/>.</exception>
    public void EncodeUser(ReadOnlySpan<float> historyVectors, ReadOnlySpan<float> historyWeights, Span<float> user)
    {
        int d = Dimension;
        if (historyVectors.Length % d != 0) ThrowNotWholeRows(nameof(historyVectors), historyVectors.Length, d);
        int m = historyVectors.Length / d;
        if (!historyWeights.IsEmpty && historyWeights.Length != m) ThrowWeightCount(nameof(historyWeights), historyWeights.Length, m);
        if (user.Length < Rank) ThrowTooShort(nameof(user), user.Length, Rank);

        var h = user[..Rank];
        h.Clear();
        int factors = HasItemBias ? Rank - 1 : Rank;
        if (m > 0)
        {
            int start = Math.Max(0, m - Window);
            int count = m - start;
            var scratch = Scratch(d + Window);
            var pooled = scratch.AsSpan(0, d);
            var alpha = scratch.AsSpan(d, count);
            Pool(historyVectors.Slice(start * d, count * d), historyWeights.IsEmpty ? default : historyWeights.Slice(start, count), alpha, pooled);
            for (int r = 0; r < factors; r++) h[r] = TensorPrimitives.Dot(_userProjection.AsSpan(r * d, d), pooled);
            if (HasLastItemTerm)
            {
                var last = historyVectors.Slice((m - 1) * d, d);
                for (int r = 0; r < factors; r++) h[r] += TensorPrimitives.Dot(_lastItemProjection.AsSpan(r * d, d), last);
            }
        }
        if (HasItemBias) h[Rank - 1] = 1;
    }

    /// <summary>Writes the code g = B·e + o of one item into <paramref name="destination"/> (its first <see cref="Rank"/> floats).</summary>
    /// <param name="itemVector">The item's LM vector e (d floats), or empty for an item without one (g = o).</param>
    /// <param name="item">The model's dense index of the item, for its offset; an index outside 0..<see cref="ItemCount"/>−1
    /// (−1, or an item added after training) has none.</param>
    /// <param name="destination">At least <see cref="Rank"/> floats.</param>
    /// <exception cref="ArgumentException">The vector is neither empty nor d long, or the destination is too short.</exception>
    public void EncodeItem(ReadOnlySpan<float> itemVector, int item, Span<float> destination)
    {
        if (!itemVector.IsEmpty && itemVector.Length != Dimension) ThrowNotWholeRows(nameof(itemVector), itemVector.Length, Dimension);
        if (destination.Length < Rank) ThrowTooShort(nameof(destination), destination.Length, Rank);
        EncodeItemCore(itemVector, item, destination[..Rank]);
    }

    /// <summary>Codes of items 0..n−1 in one n × r row-major table, for retrieval: a user's top-N is n dot products of length r.</summary>
    /// <param name="itemVectors">n × d LM vectors, row-major, by dense item index; a zero row is an item without text (its code is its offset).</param>
    /// <exception cref="ArgumentException">The vectors are not whole rows.</exception>
    public float[] EncodeAllItems(ReadOnlySpan<float> itemVectors)
    {
        if (itemVectors.Length % Dimension != 0) ThrowNotWholeRows(nameof(itemVectors), itemVectors.Length, Dimension);
        var codes = new float[itemVectors.Length / Dimension * Rank];
        EncodeAllItems(itemVectors, codes);
        return codes;
    }

    /// <summary>Writes the codes of items 0..n−1 into <paramref name="destination"/> (n × r, row-major).</summary>
    /// <exception cref="ArgumentException">The vectors are not whole rows, or the destination is shorter than n × r.</exception>
    public void EncodeAllItems(ReadOnlySpan<float> itemVectors, Span<float> destination)
    {
        int d = Dimension;
        if (itemVectors.Length % d != 0) ThrowNotWholeRows(nameof(itemVectors), itemVectors.Length, d);
        int n = itemVectors.Length / d;
        if (destination.Length < (long)n * Rank) ThrowTooShort(nameof(destination), destination.Length, n * Rank);
        for (int i = 0; i < n; i++) EncodeItemCore(itemVectors.Slice(i * d, d), i, destination.Slice(i * Rank, Rank));
    }

    /// <summary>s = h·g: the score of an item code for a user vector (both at least <see cref="Rank"/> long).</summary>
    /// <exception cref="ArgumentException">A span is shorter than <see cref="Rank"/>.</exception>
    public float Score(ReadOnlySpan<float> user, ReadOnlySpan<float> encodedItem)
    {
        if (user.Length < Rank) ThrowTooShort(nameof(user), user.Length, Rank);
        if (encodedItem.Length < Rank) ThrowTooShort(nameof(encodedItem), encodedItem.Length, Rank);
        return TensorPrimitives.Dot(user[..Rank], encodedItem[..Rank]);
    }

    /// <summary>Writes the adapter's section of a model file (format above; the container adds the checksum).</summary>
    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Dimension);
        writer.Write(Rank);
        writer.Write(Window);
        writer.Write(ItemCount);
        writer.Write((byte)((HasLastItemTerm ? LastItemFlag : 0) | (HasItemBias ? ItemBiasFlag : 0)));
        writer.Write(_eventWeight);
        WriteFloats(writer, _positionBias);
        WriteFloats(writer, _query);
        WriteFloats(writer, _userProjection);
        WriteFloats(writer, _lastItemProjection);
        WriteFloats(writer, _itemProjection);
        WriteFloats(writer, _itemOffsets);
        writer.Write(Magic);
    }

    /// <summary>Reads an adapter section written by <see cref="Write"/>.</summary>
    /// <exception cref="ModelFormatException">The section is truncated, corrupt or of another format version.</exception>
    public static LmAdapter Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return ReadCore(reader);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelFormatException("The LM adapter section is truncated.", e);
        }
    }

    /// <summary>Reads an adapter section and checks that it reads vectors of the serving encoder's dimension.</summary>
    /// <exception cref="ModelFormatException">The section is truncated, corrupt, of another format version, or was
    /// trained on vectors of another dimension than <paramref name="expectedDimension"/>.</exception>
    public static LmAdapter Read(BinaryReader reader, int expectedDimension)
    {
        var adapter = Read(reader);
        if (adapter.Dimension != expectedDimension)
            throw new ModelFormatException(
                $"The LM adapter was trained on {adapter.Dimension}-dimensional vectors; the encoder here writes {expectedDimension}. Retrain it for this encoder.");
        return adapter;
    }

    private static LmAdapter ReadCore(BinaryReader reader)
    {
        uint magic = reader.ReadUInt32();
        if (magic != Magic) throw new ModelFormatException($"Not an LM adapter section (magic 0x{magic:X8}).");
        ushort version = reader.ReadUInt16();
        if (version != FormatVersion)
            throw new ModelFormatException($"LM adapter format version {version} is not supported (this build reads version {FormatVersion}).");
        int dimension = reader.ReadInt32();
        int rank = reader.ReadInt32();
        int window = reader.ReadInt32();
        int itemCount = reader.ReadInt32();
        byte flags = reader.ReadByte();
        if (dimension is < 1 or > MaxDimension || rank is < 1 or > MaxRank || window is < 1 or > MaxWindow || itemCount < 0
            || (long)itemCount * rank > Array.MaxLength)
            throw new ModelFormatException($"The LM adapter section is corrupt: dimension {dimension}, rank {rank}, window {window}, {itemCount} items.");
        if ((flags & ~(LastItemFlag | ItemBiasFlag)) != 0 || ((flags & ItemBiasFlag) != 0 && rank < 2))
            throw new ModelFormatException($"The LM adapter section is corrupt: flags 0x{flags:X2} with rank {rank}.");
        bool lastItem = (flags & LastItemFlag) != 0;
        long matrix = (long)rank * dimension;
        long floats = window + dimension + matrix * (lastItem ? 3 : 2) + (long)itemCount * rank;
        // A corrupt count must not make us allocate gigabytes before we notice the stream is short.
        if (reader.BaseStream.CanSeek && reader.BaseStream.Length - reader.BaseStream.Position < floats * sizeof(float) + 2 * sizeof(float))
            throw new ModelFormatException($"The LM adapter section is truncated: {dimension} × {rank} with {itemCount} items needs {floats * sizeof(float):N0} bytes of weights.");

        var parameters = new LmAdapterParameters(dimension, rank, window, itemCount, lastItem, (flags & ItemBiasFlag) != 0)
        {
            EventWeight = reader.ReadSingle(),
        };
        ReadFloats(reader, parameters.PositionBias);
        ReadFloats(reader, parameters.Query);
        ReadFloats(reader, parameters.UserProjection);
        ReadFloats(reader, parameters.LastItemProjection);
        ReadFloats(reader, parameters.ItemProjection);
        ReadFloats(reader, parameters.ItemOffsets);
        if (reader.ReadUInt32() != Magic) throw new ModelFormatException("The LM adapter section is corrupt: its end marker is missing.");
        try
        {
            return new LmAdapter(parameters);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"The LM adapter section is corrupt: {e.Message}", e);
        }
    }

    private void EncodeItemCore(ReadOnlySpan<float> itemVector, int item, Span<float> g)
    {
        int r = Rank;
        if ((uint)item < (uint)ItemCount) _itemOffsets.AsSpan(item * r, r).CopyTo(g);
        else g.Clear();
        if (itemVector.IsEmpty) return;
        int d = Dimension;
        for (int k = 0; k < r; k++) g[k] += TensorPrimitives.Dot(_itemProjection.AsSpan(k * d, d), itemVector);
    }

    /// <summary>pooled = Σ α_j x_j with α = softmax(p[pos] + β·w + q·x); <paramref name="alpha"/> receives α.</summary>
    private void Pool(ReadOnlySpan<float> vectors, ReadOnlySpan<float> weights, Span<float> alpha, Span<float> pooled)
    {
        int d = Dimension;
        int m = alpha.Length;
        for (int j = 0; j < m; j++)
        {
            float w = weights.IsEmpty ? 1f : weights[j];
            alpha[j] = _positionBias[m - 1 - j] + _eventWeight * w + TensorPrimitives.Dot(_query, vectors.Slice(j * d, d));
        }
        TensorPrimitives.SoftMax(alpha, alpha);
        pooled.Clear();
        for (int j = 0; j < m; j++) TensorPrimitives.MultiplyAdd(vectors.Slice(j * d, d), alpha[j], pooled, pooled);
    }

    private static float[] Scratch(int length)
    {
        var scratch = t_scratch;
        if (scratch is null || scratch.Length < length) t_scratch = scratch = new float[length];
        return scratch;
    }

    private static float[] Copy(float[] source, int length, string name)
    {
        if (source is null || source.Length != length) throw new ArgumentException($"{name} has {source?.Length ?? 0} values; the shape needs {length}.", name);
        // TensorPrimitives.IsFiniteAll answers false for an empty span; an absent array (A₂ without the term) is fine.
        if (source.Length > 0 && !TensorPrimitives.IsFiniteAll<float>(source)) throw new ArgumentException($"{name} holds a NaN or an infinity.", name);
        return (float[])source.Clone();
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }
        foreach (float v in values) writer.Write(v);
    }

    private static void ReadFloats(BinaryReader reader, float[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        while (!bytes.IsEmpty)
        {
            int read = reader.Read(bytes);
            if (read == 0) throw new EndOfStreamException();
            bytes = bytes[read..];
        }
        if (!BitConverter.IsLittleEndian)
        {
            var raw = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotWholeRows(string name, int length, int dimension) =>
        throw new ArgumentException($"{length} floats are not whole rows of {dimension}.", name);

    [DoesNotReturn]
    private static void ThrowWeightCount(string name, int weights, int rows) =>
        throw new ArgumentException($"{weights} weights for {rows} history rows.", name);

    [DoesNotReturn]
    private static void ThrowTooShort(string name, int length, int needed) =>
        throw new ArgumentException($"{length} floats where {needed} are needed.", name);
}
