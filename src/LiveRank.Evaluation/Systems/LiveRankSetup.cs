using LiveRank.Text;
using LiveRank.Text.Encoders;

namespace LiveRank.Evaluation.Systems;

/// <summary>
/// What the harness needs to run LiveRank itself: the dataset's raw items and events, the encoder (created on first
/// use, shared by every build), the item template the catalog would be served with, and where the vector cache lives
/// (null: in memory only).
/// </summary>
public sealed class LiveRankSetup(LiveRankData data, Func<ITextEncoder> createEncoder, ItemTemplate template, string? cacheDirectory) : IDisposable
{
    private ITextEncoder? _encoder;

    public LiveRankData Data { get; } = data;

    public ItemTemplate Template { get; } = template;

    public string? CacheDirectory { get; } = cacheDirectory;

    public ITextEncoder Encoder => _encoder ??= createEncoder();

    /// <summary>The item template a catalog of the dataset's kind (<c>KIND:PATH</c>) is served with.</summary>
    public static ItemTemplate TemplateFor(string spec) => spec.Split(':')[0].ToLowerInvariant() switch
    {
        "movielens" => ItemTemplate.Movies,
        "amazon" => ItemTemplate.Products,
        _ => ItemTemplate.Generic,
    };

    public void Dispose() => _encoder?.Dispose();
}
