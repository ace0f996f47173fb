using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LiveRank.Text.Encoders;

/// <summary>
/// A BERT-family sentence encoder run on ONNX Runtime: WordPiece tokens in, token states out, pooled (mean over the
/// attention mask, or the [CLS] state; see <see cref="Pooling"/>), L2 normalisation. A batch is split into length
/// buckets (texts sorted by token count, each model call padded only to its own longest text) and the vectors are
/// written back in the caller's order.
/// Thread-safe: ONNX Runtime sessions accept concurrent runs and every call works on its own buffers.
/// </summary>
public sealed class OnnxSentenceEncoder : ITextEncoder
{
    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly BertWordPieceTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly bool _feedsTokenTypes;
    private readonly string[] _outputNames;
    private readonly int _maxBatchSize;
    private readonly int _maxBatchTokens;

    /// <summary>
    /// Creates an encoder over an ONNX model (bytes of model.onnx) with int64 inputs named by
    /// <see cref="OnnxEncoderOptions.InputNames"/> and a token-state output [batch, tokens, dimension].
    /// </summary>
    /// <exception cref="ArgumentException">The model's inputs or output do not fit (the message names what it has).</exception>
    public OnnxSentenceEncoder(string modelId, byte[] model, BertWordPieceTokenizer tokenizer, OnnxEncoderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        options ??= new OnnxEncoderOptions();
        ModelId = modelId;
        Pooling = options.Pooling ?? Pooling.Mean;
        _tokenizer = tokenizer;
        _maxBatchSize = Math.Max(1, options.MaxBatchSize);
        _maxBatchTokens = Math.Max(tokenizer.MaxTokens, options.MaxBatchTokens);
        _sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
        };
        // Idle intra-op threads would otherwise spin for a while after each call, taking the cores that rank requests
        // need while narratives and new items are encoded in the background of a serving process.
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        try
        {
            _session = new InferenceSession(model, _sessionOptions);
        }
        catch
        {
            _sessionOptions.Dispose();
            throw;
        }

        try
        {
            (_inputNames, _feedsTokenTypes) = ResolveInputs(_session, options.InputNames ?? new OnnxInputNames(), modelId);
            string output = options.OutputName ?? _session.OutputNames[0];
            if (!_session.OutputMetadata.TryGetValue(output, out NodeMetadata? metadata))
                throw new ArgumentException($"Model '{modelId}' has no output '{output}'; its outputs are {string.Join(", ", _session.OutputNames)}.", nameof(options));
            int[] dims = metadata.Dimensions;
            // A pooled output ([batch, dimension]) would bypass LiveRank's pooling; only token states are accepted.
            if (dims.Length != 3)
                throw new ArgumentException($"Output '{output}' of model '{modelId}' has {dims.Length} dimensions; LiveRank pools token states [batch, tokens, dimension] itself; set OutputName to the output that holds them.", nameof(options));
            // Only the token states are fetched, so ONNX Runtime skips any pooler head the export carries.
            _outputNames = [output];
            Dimension = dims[2] > 0 ? dims[2] : ProbeDimension();
        }
        catch
        {
            _session.Dispose();
            _sessionOptions.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public int MaxTokens => _tokenizer.MaxTokens;

    /// <summary>The tokenizer this encoder feeds the model with.</summary>
    public BertWordPieceTokenizer Tokenizer => _tokenizer;

    /// <summary>How token states become the vector.</summary>
    public Pooling Pooling { get; }

    /// <inheritdoc />
    public int CountTokens(string text) => _tokenizer.CountTokens(text);

    /// <inheritdoc />
    public float[] Encode(string text)
    {
        var vector = new float[Dimension];
        EncodeBatch([text], vector);
        return vector;
    }

    /// <inheritdoc />
    public void EncodeBatch(IReadOnlyList<string> texts, Span<float> output)
    {
        int count = texts.Count;
        if (output.Length < count * Dimension)
            throw new ArgumentException($"Output holds {output.Length} floats; {count} texts need {count * Dimension}.", nameof(output));
        if (count == 0) return;

        int max = MaxTokens;
        int[] offsets = ArrayPool<int>.Shared.Rent(count);
        int[] lengths = ArrayPool<int>.Shared.Rent(count);
        long[] tokens = ArrayPool<long>.Shared.Rent(Math.Max(count * 32, max));
        long[] mask = ArrayPool<long>.Shared.Rent(max);
        try
        {
            int used = 0;
            for (int i = 0; i < count; i++)
            {
                if (tokens.Length - used < max) tokens = Grow(tokens, used);
                int n = _tokenizer.Encode(texts[i] ?? "", tokens.AsSpan(used, max), mask);
                offsets[i] = used;
                lengths[i] = n;
                used += n;
            }
            RunBuckets(tokens, offsets, lengths, count, output);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<int>.Shared.Return(lengths);
            ArrayPool<long>.Shared.Return(tokens);
            ArrayPool<long>.Shared.Return(mask);
        }
    }

    /// <summary>Encodes already tokenised texts ([CLS] … [SEP] ids); lets tests drive the model with another tokenizer's ids.</summary>
    internal void EncodeTokenIds(IReadOnlyList<long[]> tokenIds, Span<float> output)
    {
        int count = tokenIds.Count;
        var offsets = new int[count];
        var lengths = new int[count];
        int total = 0;
        for (int i = 0; i < count; i++)
        {
            offsets[i] = total;
            lengths[i] = Math.Min(tokenIds[i].Length, MaxTokens);
            total += lengths[i];
        }
        var tokens = new long[total];
        for (int i = 0; i < count; i++) tokenIds[i].AsSpan(0, lengths[i]).CopyTo(tokens.AsSpan(offsets[i]));
        RunBuckets(tokens, offsets, lengths, count, output);
    }

    private void RunBuckets(long[] tokens, int[] offsets, int[] lengths, int count, Span<float> output)
    {
        int[] order = ArrayPool<int>.Shared.Rent(count);
        int[] sortedLengths = ArrayPool<int>.Shared.Rent(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                order[i] = i;
                sortedLengths[i] = lengths[i];
            }
            // Shortest first: neighbours have similar lengths, so each bucket pads little.
            Array.Sort(sortedLengths, order, 0, count);
            int start = 0;
            while (start < count)
            {
                int rows = 1;
                int sequence = sortedLengths[start];
                while (start + rows < count && rows < _maxBatchSize)
                {
                    int next = sortedLengths[start + rows];
                    if ((long)(rows + 1) * next > _maxBatchTokens) break;
                    sequence = next;
                    rows++;
                }
                RunBucket(tokens, offsets, lengths, order.AsSpan(start, rows), sequence, output);
                start += rows;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(order);
            ArrayPool<int>.Shared.Return(sortedLengths);
        }
    }

    private void RunBucket(long[] tokens, int[] offsets, int[] lengths, ReadOnlySpan<int> rows, int sequence, Span<float> output)
    {
        int size = rows.Length * sequence;
        long[] ids = ArrayPool<long>.Shared.Rent(size);
        long[] mask = ArrayPool<long>.Shared.Rent(size);
        long[] types = ArrayPool<long>.Shared.Rent(size);
        try
        {
            ids.AsSpan(0, size).Clear();
            mask.AsSpan(0, size).Clear();
            types.AsSpan(0, size).Clear();
            for (int r = 0; r < rows.Length; r++)
            {
                int row = rows[r];
                tokens.AsSpan(offsets[row], lengths[row]).CopyTo(ids.AsSpan(r * sequence));
                mask.AsSpan(r * sequence, lengths[row]).Fill(1);
            }

            long[] shape = [rows.Length, sequence];
            using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
            using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
            using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
            OrtValue[] inputs = _feedsTokenTypes ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
            using var runOptions = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(runOptions, _inputNames, inputs, _outputNames);
            ReadOnlySpan<float> hidden = results[0].GetTensorDataAsSpan<float>();

            int dimension = Dimension;
            int rowStride = sequence * dimension;
            for (int r = 0; r < rows.Length; r++)
            {
                int row = rows[r];
                Span<float> destination = output.Slice(row * dimension, dimension);
                if (Pooling == Pooling.Cls) ClsPoolNormalize(hidden.Slice(r * rowStride, dimension), destination);
                else MeanPoolNormalize(hidden.Slice(r * rowStride, lengths[row] * dimension), lengths[row], destination);
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
        }
    }

    /// <summary>
    /// Mean of the first <paramref name="tokens"/> token states (the attention-masked ones), scaled to unit length,
    /// written to <paramref name="destination"/> (whose length is the dimension).
    /// </summary>
    internal static void MeanPoolNormalize(ReadOnlySpan<float> tokenStates, int tokens, Span<float> destination)
    {
        int dimension = destination.Length;
        tokenStates[..dimension].CopyTo(destination);
        for (int t = 1; t < tokens; t++) TensorPrimitives.Add(destination, tokenStates.Slice(t * dimension, dimension), destination);
        // Dividing the sum by the token count is skipped: normalising to unit length cancels any positive scale.
        float norm = TensorPrimitives.Norm(destination);
        TensorPrimitives.Multiply(destination, 1f / MathF.Max(norm, 1e-12f), destination);
    }

    /// <summary>The first token's ([CLS]) state scaled to unit length, written to <paramref name="destination"/>.</summary>
    internal static void ClsPoolNormalize(ReadOnlySpan<float> clsState, Span<float> destination)
    {
        float norm = TensorPrimitives.Norm(clsState[..destination.Length]);
        TensorPrimitives.Multiply(clsState[..destination.Length], 1f / MathF.Max(norm, 1e-12f), destination);
    }

    /// <summary>
    /// Runs the model once on a sequence of <paramref name="tokens"/> tokens, so a model whose position table is shorter
    /// than the configured token limit fails at load rather than on the first long text.
    /// </summary>
    internal void ProbeSequence(int tokens)
    {
        long[] ends = _tokenizer.Encode("");
        var ids = new long[tokens];
        // Any in-vocabulary id serves; [CLS] … [SEP] keeps the probe a well-formed sequence.
        ids.AsSpan().Fill(ends[0]);
        ids[^1] = ends[^1];
        using IDisposableReadOnlyCollection<OrtValue> results = Run(ids);
    }

    private static (string[] Names, bool FeedsTokenTypes) ResolveInputs(InferenceSession session, OnnxInputNames names, string modelId)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        string known = string.Join(", ", inputs.Keys);
        foreach (string required in new[] { names.InputIds, names.AttentionMask })
        {
            if (!inputs.ContainsKey(required))
                throw new ArgumentException($"Model '{modelId}' has no input '{required}'; its inputs are {known} (configured: {names}).");
        }
        bool feedsTypes = !string.IsNullOrEmpty(names.TokenTypeIds) && inputs.ContainsKey(names.TokenTypeIds);
        string[] fed = feedsTypes ? [names.InputIds, names.AttentionMask, names.TokenTypeIds!] : [names.InputIds, names.AttentionMask];
        foreach (var (name, metadata) in inputs)
        {
            // ONNX Runtime refuses a run that leaves an input unfed, so an unknown one is reported here, by name.
            if (Array.IndexOf(fed, name) < 0)
                throw new ArgumentException($"Model '{modelId}' has an input '{name}' that LiveRank does not feed; its inputs are {known} (configured: {names}).");
            if (metadata.ElementDataType != TensorElementType.Int64)
                throw new ArgumentException($"Input '{name}' of model '{modelId}' holds {metadata.ElementDataType}; LiveRank feeds int64.");
        }
        return (fed, feedsTypes);
    }

    private static long[] Grow(long[] tokens, int used)
    {
        long[] bigger = ArrayPool<long>.Shared.Rent(tokens.Length * 2);
        tokens.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<long>.Shared.Return(tokens);
        return bigger;
    }

    private int ProbeDimension()
    {
        using IDisposableReadOnlyCollection<OrtValue> results = Run(_tokenizer.Encode(""));
        long[] outShape = results[0].GetTensorTypeAndShape().Shape;
        return (int)outShape[^1];
    }

    /// <summary>One unbatched model call on <paramref name="ids"/> (start-up probes only).</summary>
    private IDisposableReadOnlyCollection<OrtValue> Run(long[] ids)
    {
        long[] shape = [1, ids.Length];
        var mask = new long[ids.Length];
        mask.AsSpan().Fill(1);
        var types = new long[ids.Length];
        using OrtValue idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using OrtValue maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using OrtValue typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        OrtValue[] inputs = _feedsTokenTypes ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
        using var runOptions = new RunOptions();
        return _session.Run(runOptions, _inputNames, inputs, _outputNames);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
    }
}
