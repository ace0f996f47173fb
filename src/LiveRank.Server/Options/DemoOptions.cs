namespace LiveRank.Server.Options;

/// <summary>Demo data loaded into an empty store at start. Section <c>LiveRank:Demo</c>.</summary>
public sealed class DemoOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>A MovieLens latest-small folder; default: the copy shipped beside the program.</summary>
    public string? Path { get; set; }
}
