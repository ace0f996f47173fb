using LiveRank.Cli.Configuration;
using LiveRank.Cli.Output;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Commands;

/// <summary><c>liverank validate --config FILE</c>: prints <c>valid</c>, or the first problem with its key.</summary>
public sealed class ValidateCommand : AsyncCommand<ValidateSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ValidateSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            if (!ConfigValidator.TryValidate(settings.Config!, out string? problem)) return Task.FromResult(ErrorLine.Write(problem!));
            Console.WriteLine("valid");
            return Task.FromResult(0);
        }
        catch (Exception ex)
        {
            return Task.FromResult(ErrorLine.Write(ex));
        }
    }
}
