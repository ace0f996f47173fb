namespace LiveRank.Server.Options;

/// <summary>Where trained model files are found and whether the server watches for new ones. Section <c>LiveRank:Model</c>.</summary>
public sealed class ModelOptions
{
    public const string Section = "LiveRank:Model";

    /// <summary>
    /// The model directory; default <c>models/</c> inside an embedded store's directory, or <c>./models</c> for other
    /// stores. Created at start when the server watches it.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>When true a model file created, changed or renamed in the directory is loaded and swapped in.</summary>
    public bool WatchFiles { get; set; } = true;
}
