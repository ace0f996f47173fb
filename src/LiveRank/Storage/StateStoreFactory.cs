namespace LiveRank.Storage;

/// <summary>Opens the store a connection string names: <c>embedded:///absolute/dir</c> (the default) or a plain directory path.</summary>
public static class StateStoreFactory
{
    public const string DefaultConnection = "embedded://./data";

    /// <param name="semantic">The language-model state to attach (item vectors, profiles); null to run without it.</param>
    public static async Task<IStateStore> OpenAsync(string? connection, StoreOptions options, IProgress<RecoveryProgress>? progress = null,
        Semantics.SemanticState? semantic = null, CancellationToken cancellationToken = default)
    {
        var parsed = StoreConnection.Parse(connection ?? DefaultConnection);
        return parsed.Kind switch
        {
            StoreKind.Embedded => await EmbeddedStateStore.OpenAsync(parsed.Target, options, progress, semantic, cancellationToken),
            _ => throw new NotSupportedException($"Store kind '{parsed.Kind}' is not available in this build (connection '{connection}')."),
        };
    }
}
