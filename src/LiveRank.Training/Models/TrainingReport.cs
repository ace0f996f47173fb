using System.Text.Json;
using System.Text.Json.Serialization;

namespace LiveRank.Training.Models;

/// <summary>What a training run saw and measured; stored as JSON inside the model file and printed by <c>liverank train</c>.</summary>
public sealed record TrainingReport
{
    public string Dataset { get; init; } = "";
    public int Users { get; init; }
    public int Items { get; init; }
    public long Interactions { get; init; }
    public string EncoderModel { get; init; } = "";
    public int TrainingGroups { get; init; }
    public long TrainingRows { get; init; }
    public int ValidationGroups { get; init; }

    /// <summary>Share of validation targets the retrievers' union contains (the ceiling of any ranking over it).</summary>
    public double ValidationRecall { get; init; }

    public double ValidationMeanCandidates { get; init; }

    /// <summary>Validation NDCG@10 of the finished model, P1-style (every item; a target outside the union is a miss).</summary>
    public double ValidationNdcg10 { get; init; }

    public double ValidationRecall10 { get; init; }
    public double? AdapterValidationNdcg10 { get; init; }
    public int? AdapterEpochs { get; init; }
    public int? CombinerTrees { get; init; }

    /// <summary>Gain share of each feature in the combiner, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Importance { get; init; } = [];

    /// <summary>Seconds per stage.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Seconds { get; init; } = [];

    public double TotalSeconds { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
