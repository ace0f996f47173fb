using LiveRank.Evaluation;
using Spectre.Console;

namespace LiveRank.Cli.Output;

/// <summary>A Spectre progress bar for <c>evaluate</c>, used only when the console is interactive (else plain lines).</summary>
internal static class EvaluationProgressView
{
    public static bool IsInteractive => ImportProgressView.IsInteractive;

    public static T RunWithBar<T>(Func<Action<EvaluationProgress>, T> run) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("evaluate", maxValue: 1);
                var result = run(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape(p.Stage);
                });
                task.Value = task.MaxValue;
                task.Description = "evaluate: done";
                task.StopTask();
                return result;
            });
}
