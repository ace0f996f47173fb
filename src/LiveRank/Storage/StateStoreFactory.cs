using System.Collections.Concurrent;

namespace LiveRank.Storage;

/// <summary>
/// Opens the store a connection string names: <c>embedded:///absolute/dir</c> (the default), a plain directory path, or
/// <c>redis://host:port</c>. Stores outside this library (the Redis one lives in <c>LiveRank.Storage.Redis</c>, so the
/// core carries no Redis client) add themselves with <see cref="Register"/> at start-up.
/// </summary>
public static class StateStoreFactory
{
    public const string DefaultConnection = "embedded://./data";

    /// <summary>Opens a store of one kind: the connection's target, options, recovery progress and semantic state.</summary>
    public delegate Task<IStateStore> Opener(StoreConnection connection, StoreOptions options, IProgress<RecoveryProgress>? progress,
        Semantics.SemanticState? semantic, CancellationToken cancellationToken);

    private static readonly ConcurrentDictionary<StoreKind, Opener> s_openers = new();

    /// <summary>Makes connection strings of <paramref name="kind"/> open with <paramref name="opener"/> (idempotent).</summary>
    public static void Register(StoreKind kind, Opener opener) => s_openers[kind] = opener;

    /// <param name="semantic">The language-model state to attach (item vectors, profiles); null to run without it.</param>
    public static async Task<IStateStore> OpenAsync(string? connection, StoreOptions options, IProgress<RecoveryProgress>? progress = null,
        Semantics.SemanticState? semantic = null, CancellationToken cancellationToken = default)
    {
        var parsed = StoreConnection.Parse(connection ?? DefaultConnection);
        if (parsed.Kind == StoreKind.Embedded)
            return await EmbeddedStateStore.OpenAsync(parsed.Target, options, progress, semantic, cancellationToken);
        if (s_openers.TryGetValue(parsed.Kind, out var opener))
            return await opener(parsed, options, progress, semantic, cancellationToken);
        throw new NotSupportedException($"Store kind '{parsed.Kind}' is not available in this build (connection '{connection}').");
    }
}
