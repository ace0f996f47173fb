using LiveRank.Cli.Output;
using LiveRank.Server;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary>
/// <c>liverank serve</c>: the server itself lives in <c>LiveRank.Server</c>; this command only turns its options into
/// command-line configuration, so that every setting keeps one name whether it comes from a flag, the file or the environment.
/// </summary>
public sealed class ServeCommand : AsyncCommand<ServeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ServeSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var app = LiveRankApp.Build(ToConfigurationArgs(settings));
            // The host stops on Ctrl+C / SIGTERM itself; the token covers a cancellation requested by the command app.
            await app.RunAsync(cancellationToken);
            return 0;
        }
        catch (Exception ex)
        {
            return ErrorLine.Write(ex);
        }
    }

    /// <summary>The server's command-line configuration for these options.</summary>
    public static string[] ToConfigurationArgs(ServeSettings settings)
    {
        var args = new List<string>();
        if (settings.Config is not null) args.Add($"--LiveRank:ConfigFile={Path.GetFullPath(settings.Config)}");
        if (settings.Store is not null) args.Add($"--LiveRank:Store:Connection={settings.Store}");
        if (settings.NoDemo) args.Add("--LiveRank:Demo:Enabled=false");
        if (settings.Urls is not null) args.Add($"--urls={settings.Urls}");
        return [.. args];
    }
}
