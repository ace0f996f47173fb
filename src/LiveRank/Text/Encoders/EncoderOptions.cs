using System.ComponentModel.DataAnnotations;

namespace LiveRank.Text.Encoders;

/// <summary>
/// Which text encoder LiveRank runs and how. Section <c>LiveRank:Encoder</c>. <see cref="Validate"/> (run with the data
/// annotations at start and by <c>liverank validate</c>) checks what each kind needs, without loading a model.
/// </summary>
public sealed class EncoderOptions : IValidatableObject
{
    /// <summary>The bundled all-MiniLM-L6-v2 (the default).</summary>
    public const string MiniLm = "minilm";

    /// <summary>The bundled snowflake-arctic-embed-xs.</summary>
    public const string ArcticXs = "arctic-xs";

    /// <summary>A BERT-family ONNX model in the folder <see cref="Path"/>.</summary>
    public const string Folder = "folder";

    /// <summary>An OpenAI-compatible embeddings endpoint at <see cref="Endpoint"/>.</summary>
    public const string Remote = "remote";

    /// <summary>The kinds, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [MiniLm, ArcticXs, Folder, Remote];

    /// <summary><c>minilm</c> (default), <c>arctic-xs</c>, <c>folder</c> or <c>remote</c> (case-insensitive).</summary>
    [Required]
    public string Kind { get; set; } = MiniLm;

    /// <summary>With <c>folder</c>: the folder holding model.onnx and tokenizer.json or vocab.txt.</summary>
    public string? Path { get; set; }

    /// <summary>With <c>folder</c>: <c>mean</c> or <c>cls</c>; unset reads 1_Pooling/config.json, else mean. Bundled models use their own and refuse another.</summary>
    public Pooling? Pooling { get; set; }

    /// <summary>Most tokens per text, [CLS] and [SEP] included; unset uses the model's own limit (256 for MiniLM, 512 for Arctic).</summary>
    [Range(2, 8192)]
    public int? MaxTokens { get; set; }

    /// <summary>With <c>remote</c>: the API's base address, to which <c>/embeddings</c> is appended (<c>http://host:5000/v1</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>With <c>remote</c>: the bearer key, if the service wants one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>With <c>remote</c>: the model name sent (required). With <c>folder</c>: the model id (default: folder name and content hash).</summary>
    public string? Model { get; set; }

    /// <summary>ONNX Runtime intra-op threads; unset uses the processor count.</summary>
    [Range(1, 1024)]
    public int? Threads { get; set; }

    /// <summary>Most texts per model call (local) or per request (remote).</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 32;

    /// <summary>With <c>remote</c>: the vector length; unset asks the endpoint once when the encoder is first used.</summary>
    [Range(1, 65536)]
    public int? Dimension { get; set; }

    /// <summary>With <c>remote</c>: longest wait for one request, retries included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>With <c>folder</c>: the model's input names, when they are not BERT's.</summary>
    public OnnxInputNames? InputNames { get; set; }

    /// <summary>The kind in lower case, or null when it is not one of <see cref="Kinds"/>.</summary>
    public string? NormalizedKind
    {
        get
        {
            string kind = (Kind ?? "").Trim().ToLowerInvariant();
            return Kinds.Contains(kind) ? kind : null;
        }
    }

    /// <summary>Whether the encoder runs in this process on ONNX Runtime (and so uses the processor).</summary>
    public bool IsLocal => NormalizedKind is not Remote;

    /// <summary>The run-time settings a local encoder gets from these options.</summary>
    public OnnxEncoderOptions ToOnnxOptions() => new()
    {
        IntraOpThreads = Threads ?? Environment.ProcessorCount,
        MaxBatchSize = BatchSize,
        MaxTokens = MaxTokens ?? 0,
        Pooling = Pooling,
        InputNames = InputNames,
    };

    /// <summary>The settings a remote encoder gets from these options.</summary>
    public RemoteEncoderOptions ToRemoteOptions() => new()
    {
        BatchSize = BatchSize,
        Dimension = Dimension,
        MaxTokens = MaxTokens ?? new RemoteEncoderOptions().MaxTokens,
        Timeout = Timeout,
    };

    /// <summary>Checks what the chosen kind needs; each result names its setting.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? kind = NormalizedKind;
        if (kind is null)
        {
            yield return new ValidationResult($"'{Kind}' is not an encoder kind; use one of {string.Join(", ", Kinds)}.", [nameof(Kind)]);
            yield break;
        }
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(10))
            yield return new ValidationResult($"must be between 0 and 10 minutes (found {Timeout}).", [nameof(Timeout)]);

        switch (kind)
        {
            case MiniLm or ArcticXs:
                Pooling native = kind == MiniLm ? Encoders.Pooling.Mean : Encoders.Pooling.Cls;
                if (Pooling is { } pooling && pooling != native)
                    yield return new ValidationResult($"{kind} is trained with {native.ToString().ToLowerInvariant()} pooling; leave Pooling unset.", [nameof(Pooling)]);
                if (MaxTokens > 512)
                    yield return new ValidationResult($"{kind} reads at most 512 tokens.", [nameof(MaxTokens)]);
                if (!string.IsNullOrEmpty(Path) || !string.IsNullOrEmpty(Endpoint))
                    yield return new ValidationResult($"is only read with Kind folder or remote; {kind} is bundled.", [string.IsNullOrEmpty(Path) ? nameof(Endpoint) : nameof(Path)]);
                break;
            case Folder:
                if (string.IsNullOrWhiteSpace(Path))
                {
                    yield return new ValidationResult("is required with Kind folder: the folder holding model.onnx and tokenizer.json or vocab.txt.", [nameof(Path)]);
                    break;
                }
                string folder = System.IO.Path.GetFullPath(Path);
                if (!Directory.Exists(folder))
                    yield return new ValidationResult($"folder '{folder}' does not exist.", [nameof(Path)]);
                else if (!File.Exists(System.IO.Path.Combine(folder, FolderModel.ModelFile)))
                    yield return new ValidationResult($"folder '{folder}' holds no {FolderModel.ModelFile}.", [nameof(Path)]);
                else if (!File.Exists(System.IO.Path.Combine(folder, FolderModel.TokenizerJsonFile)) && !File.Exists(System.IO.Path.Combine(folder, FolderModel.VocabularyFile)))
                    yield return new ValidationResult($"folder '{folder}' holds neither {FolderModel.TokenizerJsonFile} nor {FolderModel.VocabularyFile}.", [nameof(Path)]);
                if (InputNames is { } names && (string.IsNullOrWhiteSpace(names.InputIds) || string.IsNullOrWhiteSpace(names.AttentionMask)))
                    yield return new ValidationResult("InputIds and AttentionMask must name model inputs.", [nameof(InputNames)]);
                break;
            case Remote:
                if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    yield return new ValidationResult($"must be an absolute http(s) address such as http://127.0.0.1:5000/v1 (found '{Endpoint}').", [nameof(Endpoint)]);
                if (string.IsNullOrWhiteSpace(Model))
                    yield return new ValidationResult("is required with Kind remote: the model name the endpoint serves.", [nameof(Model)]);
                break;
        }
    }
}
