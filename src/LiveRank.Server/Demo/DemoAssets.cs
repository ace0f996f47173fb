using System.Collections.Frozen;
using System.Security.Cryptography;

namespace LiveRank.Server.Demo;

/// <summary>
/// The demo page's files, embedded in the server assembly (<c>Demo/wwwroot</c>, resource names
/// <c>LiveRank.Demo.&lt;file&gt;</c>) and read once: the page works from any working directory and needs no CDN.
/// </summary>
public sealed class DemoAssets
{
    private const string Prefix = "LiveRank.Demo.";

    private readonly FrozenDictionary<string, DemoAsset> _assets;

    public DemoAssets()
    {
        var assembly = typeof(DemoAssets).Assembly;
        var assets = new Dictionary<string, DemoAsset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] content = buffer.ToArray();
            string file = name[Prefix.Length..];
            string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 8)) + "\"";
            assets[file] = new DemoAsset(content, ContentTypeOf(file), etag);
        }
        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public bool TryGet(string file, out DemoAsset asset) => _assets.TryGetValue(file, out asset!);

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}

public sealed record DemoAsset(byte[] Content, string ContentType, string ETag);
