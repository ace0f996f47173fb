using LiveRank.Import;
using Spectre.Console;

namespace LiveRank.Cli.Output;

/// <summary>A Spectre progress bar for an import, used only when the console is interactive.</summary>
internal static class ImportProgressView
{
    public static bool IsInteractive =>
        AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    public static Task<ImportSummary> RunWithBarAsync(string name, Func<IProgress<ImportProgress>, Task<ImportSummary>> import) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{name}: items", maxValue: 1);
                return await import(new BarProgress(task, name));
            });

    /// <summary>Updates the bar on the importer's thread; Progress&lt;T&gt; would queue reports to the thread pool out of order.</summary>
    private sealed class BarProgress(ProgressTask task, string name) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            long total = Math.Max(value.Total ?? 0, value.Done);
            task.MaxValue = Math.Max(1, total);
            task.Value = value.Done;
            task.Description = value.Phase switch
            {
                ImportPhase.Items => $"{name}: items",
                ImportPhase.Events => $"{name}: events",
                _ => $"{name}: done",
            };
            if (value.Phase == ImportPhase.Done) task.StopTask();
        }
    }
}
