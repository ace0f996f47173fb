namespace LiveRank.Scoring.Models;

/// <summary>
/// How a trained model reads a user's sequence and proposes candidates; fixed at training (the combiner learned on
/// features computed this way) and stored in the model file.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>How many of the newest history items the sparse retrievers (co-visitation, Markov, LM neighbours) read.</summary>
    public int RecentItems { get; init; } = 10;

    /// <summary>Weight ratio between consecutive recent items for those retrievers (newest 1, then this, its square…).</summary>
    public float RecencyDecay { get; init; } = 0.7f;

    /// <summary>Weight ratio between consecutive history items in EASE's user vector.</summary>
    public float EaseDecay { get; init; } = 0.5f;

    /// <summary>Top items each retriever contributes to a recommendation's candidate set.</summary>
    public int RetrievePerRetriever { get; init; } = 150;

    /// <summary>Popular items added to every candidate set (what a cold user gets).</summary>
    public int RetrievePopular { get; init; } = 100;

    /// <summary>How many newest items the LM similarity features compare a candidate with.</summary>
    public int LmRecentItems { get; init; } = 10;

    /// <summary>A gap longer than this (seconds) starts a new session.</summary>
    public int SessionGapSeconds { get; init; } = 1800;

    public void Write(BinaryWriter writer)
    {
        writer.Write(RecentItems);
        writer.Write(RecencyDecay);
        writer.Write(EaseDecay);
        writer.Write(RetrievePerRetriever);
        writer.Write(RetrievePopular);
        writer.Write(LmRecentItems);
        writer.Write(SessionGapSeconds);
    }

    public static ModelSettings Read(BinaryReader reader)
    {
        var settings = new ModelSettings
        {
            RecentItems = reader.ReadInt32(),
            RecencyDecay = reader.ReadSingle(),
            EaseDecay = reader.ReadSingle(),
            RetrievePerRetriever = reader.ReadInt32(),
            RetrievePopular = reader.ReadInt32(),
            LmRecentItems = reader.ReadInt32(),
            SessionGapSeconds = reader.ReadInt32(),
        };
        if (settings.RecentItems is < 1 or > 1000 || settings.LmRecentItems is < 1 or > 1000 || settings.RetrievePerRetriever is < 0 or > 100_000
            || settings.RetrievePopular is < 0 or > 100_000 || !(settings.RecencyDecay is > 0 and <= 1) || !(settings.EaseDecay is > 0 and <= 1))
            throw new ModelFormatException("The model's retrieval settings are out of range.");
        return settings;
    }
}
