namespace LiveRank.Scoring.Models;

/// <summary>Who a model is: name and version (reported with every ranking), when and on what it was trained, and the training report.</summary>
public sealed record ModelMetadata
{
    public required string Name { get; init; }

    /// <summary>Increases with every training run (unix seconds of the training's end by default).</summary>
    public required long Version { get; init; }

    public required DateTimeOffset TrainedAt { get; init; }

    /// <summary>What it was trained on, e.g. <c>movielens:samples/ml-latest-small</c> or <c>store</c>.</summary>
    public required string Dataset { get; init; }

    /// <summary>Encoder model id the LM features were trained with; empty when the model reads no LM features.</summary>
    public required string EncoderModel { get; init; }

    public required int Dimension { get; init; }

    /// <summary>The training report as JSON (figures, feature importance, settings).</summary>
    public string Report { get; init; } = "{}";

    /// <summary>The label every response carries, e.g. <c>liverank-ltr-v1764350000</c>.</summary>
    public string Label => $"{Name}-v{Version}";

    public void Write(BinaryWriter writer)
    {
        writer.Write(Name);
        writer.Write(Version);
        writer.Write(TrainedAt.ToUnixTimeMilliseconds());
        writer.Write(Dataset);
        writer.Write(EncoderModel);
        writer.Write(Dimension);
        writer.Write(Report);
    }

    public static ModelMetadata Read(BinaryReader reader)
    {
        var metadata = new ModelMetadata
        {
            Name = reader.ReadString(),
            Version = reader.ReadInt64(),
            TrainedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64()),
            Dataset = reader.ReadString(),
            EncoderModel = reader.ReadString(),
            Dimension = reader.ReadInt32(),
            Report = reader.ReadString(),
        };
        if (metadata.Name.Length == 0 || metadata.Dimension is < 0 or > 65_536)
            throw new ModelFormatException("The model's metadata is corrupt.");
        return metadata;
    }
}
