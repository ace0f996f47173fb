using LiveRank.Cli.Commands;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Tests.Cli;

/// <summary>
/// Runs <c>liverank evaluate</c> in this process with the console captured. Tests that use it belong to the
/// "Console" collection, since the console is process-wide.
/// </summary>
internal static class EvaluateCli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = new CommandApp<EvaluateCommand>().Run(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
