using LiveRank.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveRank.Cli.Tests.Cli;

/// <summary>
/// Runs <c>liverank evaluate</c> (or another command) in this process with the console captured. Tests that use it belong to the
/// "Console" collection, since the console is process-wide. Spectre's static console is swapped too: it keeps the
/// writer it first saw, so without this, output (Spectre's own validation errors included) went to whichever
/// test's writer came first.
/// </summary>
internal static class EvaluateCli
{
    public static (int Code, string Output, string Error) Run(params string[] args) => Run<EvaluateCommand>(args);

    /// <summary>Runs any single command the same way (train, encode, …).</summary>
    public static (int Code, string Output, string Error) Run<TCommand>(params string[] args) where TCommand : class, ICommand
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (previousOut, previousError, previousAnsi) = (Console.Out, Console.Error, AnsiConsole.Console);
        Console.SetOut(output);
        Console.SetError(error);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        AnsiConsole.Console = console;
        try
        {
            var app = new CommandApp<TCommand>();
            app.Configure(c => c.ConfigureConsole(console));
            int code = app.Run(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
            AnsiConsole.Console = previousAnsi;
        }
    }
}
