namespace LiveRank.Server.Hosting;

/// <summary>How a model reload ended.</summary>
public enum ModelReloadStatus
{
    /// <summary>The file's model is in service.</summary>
    Loaded,

    /// <summary>No such file, or no model file in the directory; nothing changed.</summary>
    NotFound,

    /// <summary>The file cannot serve (corrupt, incompatible, no loader reads it); the previous ranker keeps serving.</summary>
    Refused,
}
